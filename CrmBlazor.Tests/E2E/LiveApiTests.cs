using System.Net;
using System.Net.Http.Json;
using System.Text;
using CrmBlazor.Data.Opportunities;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmBlazor.Tests.E2E;

/// <summary>The interfaces for other programs: the SignalR hub at /hubs/live and POST /api/leads.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveApiTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    /// <summary>A minimal SignalR JSON-protocol client in the page, using the page's sign-in cookie; messages collect in window.__live.</summary>
    private const string ConnectScript = """
        async () => {
            window.__live = [];
            const r = await fetch('/hubs/live/negotiate?negotiateVersion=1', { method: 'POST', credentials: 'include' });
            if (!r.ok) return 'negotiate ' + r.status;
            const n = await r.json();
            const ws = new WebSocket(location.origin.replace('http', 'ws') + '/hubs/live?id=' + encodeURIComponent(n.connectionToken));
            return await new Promise(resolve => {
                ws.onopen = () => ws.send(JSON.stringify({ protocol: 'json', version: 1 }) + '\u001e');
                ws.onmessage = m => {
                    for (const frame of m.data.split('\u001e').filter(f => f)) {
                        const msg = JSON.parse(frame);
                        if (msg.type === undefined) resolve('connected');
                        if (msg.type === 1) window.__live.push(msg);
                        if (msg.type === 6) ws.send(JSON.stringify({ type: 6 }) + '\u001e');
                    }
                };
                ws.onerror = () => resolve('error');
            });
        }
        """;

    [Fact]
    public async Task Hub_DeliversAnAssignmentToTheAssignee_NotToAnotherAccountManager_AndRefusesStrangers()
    {
        Fx.RequireAvailable();
        var am1 = await Fx.NewPageAsync();
        await BrowserFixture.SignInAsync(am1, "am1@crm.demo");
        var am2 = await Fx.NewPageAsync();
        await BrowserFixture.SignInAsync(am2, "am2@crm.demo");
        Assert.Equal("connected", await am1.EvaluateAsync<string>(ConnectScript));
        Assert.Equal("connected", await am2.EvaluateAsync<string>(ConnectScript));

        var stranger = await Fx.NewPageAsync();
        await stranger.GotoAsync("/account/login");
        Assert.StartsWith("negotiate 401", await stranger.EvaluateAsync<string>(ConnectScript));

        var manager = await Fx.AsUserAsync<OpportunityService>("manager@crm.demo");
        var id = await manager.CreateAsync(new CrmBlazor.Domain.Opportunities.OpportunityDetails
        {
            SourceCode = "website", CustomerName = "Hub test " + Guid.NewGuid().ToString("N")[..6], Probability = 30, Summary = "s", ContactName = "c",
        });
        await manager.AssignAsync(id, 0, await Fx.UserIdAsync("am1@crm.demo"));

        await am1.WaitForFunctionAsync($"() => window.__live.some(m => m.target === 'opportunityChanged' && m.arguments[0].id === {id} && m.arguments[0].change === 'Assigned')");
        await am2.WaitForTimeoutAsync(500);
        Assert.Equal(0, await am2.EvaluateAsync<int>($"() => window.__live.filter(m => m.arguments[0].id === {id}).length"));
        await am1.Context.CloseAsync();
        await am2.Context.CloseAsync();
        await stranger.Context.CloseAsync();
    }

    [Fact]
    public async Task Hub_DeliversATicketAssignmentToTheHandler_NotToAnAccountManagerWhoMayNotSeeIt()
    {
        Fx.RequireAvailable();
        var am1 = await Fx.NewPageAsync();
        await BrowserFixture.SignInAsync(am1, "am1@crm.demo");
        var am2 = await Fx.NewPageAsync();
        await BrowserFixture.SignInAsync(am2, "am2@crm.demo");
        Assert.Equal("connected", await am1.EvaluateAsync<string>(ConnectScript));
        Assert.Equal("connected", await am2.EvaluateAsync<string>(ConnectScript));

        var service = await Fx.AsUserAsync<CrmBlazor.Data.Service.TicketService>("service@crm.demo");
        var manager = await Fx.AsUserAsync<CrmBlazor.Data.Service.TicketService>("manager@crm.demo");
        async Task<int> AssignedTicketAsync(string ownerEmail)
        {
            var customer = (await (await Fx.AsUserAsync<CrmBlazor.Data.Service.TicketService>(ownerEmail)).CustomerChoicesAsync(null))[0];
            var id = await service.CreateAsync(new CrmBlazor.Data.Service.TicketInput("consultation", CrmBlazor.Domain.Service.TicketPriority.Normal, "Hub ticket", customer.Id, "r"));
            await manager.AssignAsync(id, 0, await Fx.UserIdAsync(ownerEmail));
            return id;
        }
        var forAm1 = await AssignedTicketAsync("am1@crm.demo");
        var forAm2 = await AssignedTicketAsync("am2@crm.demo");

        await am1.WaitForFunctionAsync($"() => window.__live.some(m => m.target === 'ticketChanged' && m.arguments[0].id === {forAm1} && m.arguments[0].change === 'Assigned' && m.arguments[0].row.status === 'Assigned')");
        // am2's own ticket arrives after am1's was published: by then am1's would have arrived too, had it been sent
        await am2.WaitForFunctionAsync($"() => window.__live.some(m => m.target === 'ticketChanged' && m.arguments[0].id === {forAm2} && m.arguments[0].change === 'Assigned')");
        Assert.Equal(0, await am2.EvaluateAsync<int>($"() => window.__live.filter(m => m.target === 'ticketChanged' && m.arguments[0].id === {forAm1}).length"));
    }

    [Fact]
    public async Task LeadApi_NeedsTheKey_ExplainsBadInputInTheCallersLanguage_AndCreatesTheLead()
    {
        Fx.RequireAvailable();
        var admin = await Fx.AsUserAsync<LeadService>("admin@crm.demo");
        var key = await admin.RegenerateApiKeyAsync();
        using var http = new HttpClient { BaseAddress = new Uri(Fx.App.BaseUrl) };

        var noKey = await http.PostAsJsonAsync("/api/leads", new { customerName = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);

        async Task<HttpResponseMessage> PostAsync(string body, string language)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/leads") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Api-Key", key);
            request.Headers.AcceptLanguage.ParseAdd(language);
            return await http.SendAsync(request);
        }

        var broken = await PostAsync("{ \"customerName\": ", "zh-CN");
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("不是有效的 JSON", await broken.Content.ReadAsStringAsync());

        var missing = await PostAsync("{ \"customerName\": \"API 客户\", \"summary\": \"官网表单\" }", "zh-CN");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var error = await missing.Content.ReadFromJsonAsync<Dictionary<string, string>>();
        Assert.Equal("Validation.Required", error!["code"]);
        Assert.Equal("请填写联系人。", error["message"]);

        var name = "API 客户 " + Guid.NewGuid().ToString("N")[..6];
        var ok = await PostAsync($$"""{ "customerName": "{{name}}", "contactName": "钱多多", "contactPhone": "13600001234", "summary": "官网表单", "region": "south" }""", "en-US");
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var created = await ok.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        var id = int.Parse(created!["id"].ToString()!, System.Globalization.CultureInfo.InvariantCulture);
        var detail = await (await Fx.AsUserAsync<OpportunityService>("admin@crm.demo")).GetAsync(id);
        Assert.Equal((name, "api"), (detail.Value!.Row.CustomerName, detail.Value.IntakeChannel));
    }
}
