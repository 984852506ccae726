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

/// <summary>A report's filter in its address: written on every change, read when the page opens.</summary>
public sealed class ReportLinkTests
{
    [Fact]
    public void FromQuery_WhatToQueryStringWrote_IsTheSameFilter()
    {
        var filter = new CrmBlazor.Data.Reports.ReportFilter
        {
            From = new DateOnly(2026, 1, 1), To = new DateOnly(2026, 6, 30), Year = 2025, RegionCode = "east", IndustryCode = "it",
            OwnerId = "u-1", Stage = LifecycleStage.Declining, LevelCode = "major", Name = "科技 & Co",
        };

        var back = CrmBlazor.Web.Features.Reports.Shell.ReportLink.FromQuery("?" + CrmBlazor.Web.Features.Reports.Shell.ReportLink.ToQueryString(filter), new(), out var error);

        Assert.Null(error);
        Assert.Equal(filter, back);
    }

    [Fact]
    public void FromQuery_NoParameters_KeepsThePagesDefaults()
    {
        var defaults = new CrmBlazor.Data.Reports.ReportFilter { Year = 2024 };
        Assert.Equal(defaults, CrmBlazor.Web.Features.Reports.Shell.ReportLink.FromQuery("", defaults, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("?from=2026-02-30", "from")]
    [InlineData("?to=yesterday", "to")]
    [InlineData("?year=20x6", "year")]
    [InlineData("?stage=booming", "stage")]
    public void FromQuery_MalformedParameter_IsRefusedWithItsName(string query, string parameter)
    {
        Assert.Null(CrmBlazor.Web.Features.Reports.Shell.ReportLink.FromQuery(query, new(), out var error));
        Assert.StartsWith(parameter + ":", error);
    }
}
