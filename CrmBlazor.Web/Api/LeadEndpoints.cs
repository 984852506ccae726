using System.Text.Json;
using CrmBlazor.Data.Opportunities;
using CrmBlazor.Domain.Common;
using CrmBlazor.Web.Localization;

namespace CrmBlazor.Web.Api;

/// <summary>
/// <c>POST /api/leads</c> — leads from web forms and other systems (docs/api.md). Authenticated by
/// the <c>X-Api-Key</c> header (an admin makes the key on the Lead intake page); errors are JSON with
/// a stable code and a message in the language of <c>Accept-Language</c>.
/// </summary>
public static class LeadEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record LeadRequest(string? CustomerName, string? ContactName, string? ContactPhone, string? Source, string? Summary,
        string? Description, int? Probability, decimal? ExpectedAmount, string? Region, string? Industry);

    public sealed record ApiError(string Code, string Message);

    public static void MapLeadEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/leads", async (HttpRequest request, LeadService leads, UiText text, CancellationToken ct) =>
        {
            await text.LoadAsync(ct);
            if (!await leads.IsValidApiKeyAsync(request.Headers["X-Api-Key"], ct))
                return Results.Json(new ApiError("Api.Unauthorized", text["Api.Unauthorized"]), statusCode: StatusCodes.Status401Unauthorized);
            LeadRequest? body;
            try
            {
                body = await JsonSerializer.DeserializeAsync<LeadRequest>(request.Body, Json, ct);
            }
            catch (JsonException e)
            {
                return Results.Json(new ApiError("Api.BadJson", text["Api.BadJson", e.LineNumber + 1]), statusCode: StatusCodes.Status400BadRequest);
            }
            if (body is null)
                return Results.Json(new ApiError("Api.BadJson", text["Api.BadJson", 1]), statusCode: StatusCodes.Status400BadRequest);
            try
            {
                var outcome = await leads.SubmitFromApiAsync(new LeadInput
                {
                    CustomerName = body.CustomerName, ContactName = body.ContactName, ContactPhone = body.ContactPhone, SourceCode = body.Source,
                    Summary = body.Summary, Description = body.Description, Probability = body.Probability, ExpectedAmount = body.ExpectedAmount,
                    RegionCode = body.Region, IndustryCode = body.Industry,
                }, ct);
                return Results.Created($"/opportunities/{outcome.OpportunityId}",
                    new { id = outcome.OpportunityId, pooled = outcome.OwnerId is null, assignedTo = outcome.OwnerId, rule = outcome.ReasonCode });
            }
            catch (DomainException e)
            {
                return Results.Json(new ApiError(e.Code, text.Error(e)), statusCode: StatusCodes.Status400BadRequest);
            }
        })
        .DisableAntiforgery()
        .AllowAnonymous();
    }
}
