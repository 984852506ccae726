using CrmBlazor.Web.CommandLine;
using CrmBlazor.Web.Hosting;

// `dotnet CrmBlazor.Web.dll MODE …` runs a command-line mode and exits; no mode starts the server.
if (CliRunner.IsMode(args))
    return await CliRunner.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCrmWeb(builder.Configuration, builder.Environment);

var app = builder.Build();
await app.InitializeDatabaseAsync();
app.UseCrmPipeline();
app.MapCrmEndpoints();
app.Run();
return 0;

/// <summary>Visible to the test host (WebApplicationFactory).</summary>
public partial class Program;
