using System.Text;
using CrmBlazor.Web.Features.Import;
using CrmBlazor.Web.Security;
using Microsoft.Extensions.Configuration;

namespace CrmBlazor.Tests.Web;

public sealed class AuthenticatorCodeTests
{
    // RFC 6238 appendix B, SHA-1 key "12345678901234567890"; an app shows the last six of the eight digits
    private const string RfcKey = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    [Theory]
    [InlineData(59, "287082")]
    [InlineData(1111111109, "081804")]
    [InlineData(1234567890, "005924")]
    [InlineData(2000000000, "279037")]
    public void Compute_RfcTestVectors_GiveTheRfcCodes(long unixSeconds, string expected) =>
        Assert.Equal(expected, AuthenticatorCode.Compute(RfcKey, DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));

    [Fact]
    public void Compute_SameThirtySecondStep_SameCode_NextStep_Differs()
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000); // a multiple of 30
        Assert.Equal(AuthenticatorCode.Compute(RfcKey, start), AuthenticatorCode.Compute(RfcKey, start.AddSeconds(29)));
        Assert.NotEqual(AuthenticatorCode.Compute(RfcKey, start), AuthenticatorCode.Compute(RfcKey, start.AddSeconds(30)));
    }

    [Fact]
    public void FromBase32_ReadableFormWithSpacesAndLowerCase_IsTheSameKey()
    {
        Assert.Equal(Encoding.ASCII.GetBytes("12345678901234567890"), AuthenticatorCode.FromBase32(AuthenticatorCode.Readable(RfcKey)));
        Assert.Equal("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", AuthenticatorCode.Readable(RfcKey));
        Assert.Throws<FormatException>(() => AuthenticatorCode.FromBase32("ABC1"));
    }

    [Fact]
    public void OtpAuthUri_NamesTheIssuerAndAccount_AndCarriesTheKey() =>
        Assert.Equal("otpauth://totp/CrmBlazor:li.na%40crm.demo?secret=" + RfcKey + "&issuer=CrmBlazor&digits=6",
            AuthenticatorCode.OtpAuthUri("li.na@crm.demo", RfcKey));
}

public sealed class IdleClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void IsExpired_UntouchedForTheLimit_True_OneSecondBefore_False()
    {
        var clock = new IdleClock(TimeSpan.FromMinutes(30), Start);
        Assert.False(clock.IsExpired(Start.AddMinutes(30).AddSeconds(-1)));
        Assert.True(clock.IsExpired(Start.AddMinutes(30)));
    }

    [Fact]
    public void Touch_Activity_StartsTheLimitAgain()
    {
        var clock = new IdleClock(TimeSpan.FromMinutes(30), Start);
        clock.Touch(Start.AddMinutes(20));
        Assert.False(clock.IsExpired(Start.AddMinutes(45)));
        Assert.Equal(TimeSpan.FromMinutes(5), clock.Remaining(Start.AddMinutes(45)));
        Assert.True(clock.IsExpired(Start.AddMinutes(50)));
    }

    [Fact]
    public void Touch_ALateReportOfOlderActivity_DoesNotMoveTheClockBack()
    {
        var clock = new IdleClock(TimeSpan.FromMinutes(30), Start);
        clock.Touch(Start.AddMinutes(20));
        clock.Touch(Start.AddMinutes(10));
        Assert.Equal(Start.AddMinutes(20), clock.LastActivity);
    }

    [Theory]
    [InlineData(null, 30.0, 30.0, 300.0)]
    [InlineData("0.2", 0.2, 3.0, 3.0)]
    [InlineData("8", 8.0, 30.0, 120.0)]
    public void From_Configuration_LimitAndCheckIntervals(string? setting, double minutes, double checkSeconds, double renewSeconds)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(setting is null ? [] : [new(IdleTimeout.Key, setting)]).Build();
        var idle = IdleTimeout.From(config);
        Assert.Equal(TimeSpan.FromMinutes(minutes), idle.Limit);
        Assert.Equal(TimeSpan.FromSeconds(checkSeconds), idle.CheckEvery);
        Assert.Equal(TimeSpan.FromSeconds(renewSeconds), idle.RenewEvery);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("5000")]
    public void From_UnusableSetting_RefusesToStart(string setting)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection([new(IdleTimeout.Key, setting)]).Build();
        Assert.Contains(IdleTimeout.Key, Assert.Throws<InvalidOperationException>(() => IdleTimeout.From(config)).Message);
    }
}

public sealed class CsvUploadTests
{
    private readonly CsvUpload _upload = new(2 * 1024 * 1024);

    [Theory]
    [InlineData("orders.csv", 100, CsvUpload.Refusal.None)]
    [InlineData("ORDERS.CSV", 2 * 1024 * 1024, CsvUpload.Refusal.None)]
    [InlineData("orders.csv", 2 * 1024 * 1024 + 1, CsvUpload.Refusal.TooLarge)]
    [InlineData("orders.xlsx", 100, CsvUpload.Refusal.NotCsv)]
    [InlineData("orders.csv.exe", 100, CsvUpload.Refusal.NotCsv)]
    [InlineData("orders.txt", 100, CsvUpload.Refusal.NotCsv)]
    public void Check_NameAndSize(string name, long size, CsvUpload.Refusal expected) => Assert.Equal(expected, _upload.Check(name, size));

    [Fact]
    public void LooksLikeText_Utf8AndGbkCsv_Yes_XlsxOldExcelAndNulBytes_No()
    {
        Assert.True(CsvUpload.LooksLikeText([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("客户编号,名称\nC001,华东机械\n")]));
        Assert.True(CsvUpload.LooksLikeText([0xBF, 0xCD, 0xBB, 0xA7, 0x2C, 0x0A])); // 客户, in GBK
        Assert.False(CsvUpload.LooksLikeText([(byte)'P', (byte)'K', 3, 4, 20, 0, 6, 0]));
        Assert.False(CsvUpload.LooksLikeText([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]));
        Assert.False(CsvUpload.LooksLikeText([(byte)'a', (byte)',', 0, (byte)'b']));
    }

    [Fact]
    public void From_Configuration_DefaultTwentyMegabytes_OrTheSetting()
    {
        Assert.Equal(20 * 1024 * 1024, CsvUpload.From(new ConfigurationBuilder().Build()).MaxBytes);
        var five = new ConfigurationBuilder().AddInMemoryCollection([new(CsvUpload.Key, "5")]).Build();
        Assert.Equal(5, CsvUpload.From(five).MaxMegabytes);
    }
}
