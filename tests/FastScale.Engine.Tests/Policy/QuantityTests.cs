using FastScale.Engine.Policy;

namespace FastScale.Engine.Tests.Policy;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("2", "2")]
    [InlineData("500m", "0.5")]
    [InlineData("1500m", "1.5")]
    [InlineData("1.5", "1.5")]
    [InlineData("8Gi", "8589934592")]
    [InlineData("512Mi", "536870912")]
    [InlineData("2Ki", "2048")]
    [InlineData("1Ti", "1099511627776")]
    [InlineData("1Ei", "1152921504606846976")]
    [InlineData("100M", "100000000")]
    [InlineData("12k", "12000")]
    [InlineData("1G", "1000000000")]
    [InlineData("1E", "1000000000000000000")]
    [InlineData("1e3", "1000")]
    [InlineData("1E3", "1000")]
    [InlineData("1e-3", "0.001")]
    [InlineData("1e+2", "100")]
    [InlineData("100n", "0.0000001")]
    [InlineData("10u", "0.00001")]
    [InlineData(".5", "0.5")]
    [InlineData("5.", "5")]
    [InlineData("+1", "1")]
    [InlineData("-1", "-1")]
    [InlineData("0", "0")]
    [InlineData("1.5Gi", "1610612736")]
    public void TryParse_ReadsBaseUnits(string text, string expected)
    {
        Assert.True(Quantity.TryParse(text, out var value), text);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1 Gi")]
    [InlineData("abc")]
    [InlineData("Gi")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("1,5")]
    [InlineData("1Kb")]
    [InlineData("1KiB")]
    [InlineData("1GB")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("1ee3")]
    [InlineData("1e3Gi")]
    [InlineData("--1")]
    [InlineData("0x10")]
    [InlineData("1e99")]
    [InlineData("99999999999999999999Ei")]
    public void TryParse_RejectsMalformedText(string? text)
    {
        Assert.False(Quantity.TryParse(text, out _), text);
    }
}
