using FastScale.Engine.Policy;

namespace FastScale.Engine.Tests.Policy;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("10m", 600_000)]
    [InlineData("30s", 30_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("500ms", 500)]
    [InlineData("2m0s", 120_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData(".5s", 500)]
    [InlineData("5.s", 5_000)]
    [InlineData("1h1m1s1ms", 3_661_001)]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    [InlineData("+5s", 5_000)]
    [InlineData("-1m", -60_000)]
    [InlineData("24h", 86_400_000)]
    public void TryParse_ReadsGoDurations(string text, long expectedMilliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var value), text);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), value);
    }

    [Theory]
    [InlineData("1us", 10)]
    [InlineData("1\u00b5s", 10)]
    [InlineData("1\u03bcs", 10)]
    [InlineData("100ns", 1)]
    [InlineData("150ns", 1)]
    public void TryParse_ReadsSubMillisecondUnits_ToTicks(string text, long expectedTicks)
    {
        Assert.True(GoDuration.TryParse(text, out var value), text);
        Assert.Equal(expectedTicks, value.Ticks);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("1d")]
    [InlineData("m")]
    [InlineData("1S")]
    [InlineData("1.2.3s")]
    [InlineData(".s")]
    [InlineData(" 1s")]
    [InlineData("1s ")]
    [InlineData("1 s")]
    [InlineData("-")]
    [InlineData("1h-1m")]
    [InlineData("ten minutes")]
    [InlineData("99999999999999999999h")]
    public void TryParse_RejectsMalformedText(string? text)
    {
        Assert.False(GoDuration.TryParse(text, out _), text);
    }
}
