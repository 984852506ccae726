using CrmBlazor.Data.Customers;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Web.Features.Customers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace CrmBlazor.Tests.Web;

/// <summary>The customer list's link parameters: what a report's drill-down writes is what the list reads back.</summary>
public sealed class CustomerLinkTests
{
    private static CustomerQuery? Read(string queryString, out string? error) =>
        CustomerExport.FromQuery(new QueryCollection(QueryHelpers.ParseQuery(queryString)), out error);

    [Fact]
    public void FromQuery_ReportDrillDowns_RoundTrip()
    {
        var behind = new CustomerQuery
        {
            RegionCode = "east", InStage = LifecycleStage.Growing, InStageOn = new DateOnly(2026, 9, 30),
            MovedFrom = LifecycleStage.New, MovedTo = LifecycleStage.Growing, MovedSince = new DateOnly(2026, 9, 1), MovedUntil = new DateOnly(2026, 10, 31),
        };

        var back = Read(CustomerExport.ToQueryString(behind), out var error);

        Assert.Null(error);
        Assert.NotNull(back);
        Assert.Equal((behind.RegionCode, behind.InStage, behind.InStageOn, behind.MovedFrom, behind.MovedTo, behind.MovedSince, behind.MovedUntil),
            (back.RegionCode, back.InStage, back.InStageOn, back.MovedFrom, back.MovedTo, back.MovedSince, back.MovedUntil));
    }

    [Theory]
    [InlineData("inStage=growing", "inStageOn")]            // a stage without its day
    [InlineData("inStage=growing&inStageOn=2026-13-01", "inStageOn")]
    [InlineData("inStage=thriving&inStageOn=2026-09-30", "inStage")]
    public void FromQuery_MalformedStageAtDay_IsRefusedWithTheParameterNamed(string queryString, string parameter)
    {
        Assert.Null(Read(queryString, out var error));
        Assert.StartsWith(parameter + ":", error);
    }
}
