using FastScale.Grpc.Transport;

namespace FastScale.Grpc.Tests.Transport;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData("5S", 5_000_000_000L)]
    [InlineData("4999m", 4_999_000_000L)]
    [InlineData("250u", 250_000L)]
    [InlineData("1500n", 1_500L)]
    [InlineData("2M", 120_000_000_000L)]
    [InlineData("1H", 3_600_000_000_000L)]
    public void TryParse_EachUnit_GivesTheDuration(string header, long nanoseconds)
    {
        Assert.True(GrpcTimeout.TryParse(header, out var timeout));
        Assert.Equal(nanoseconds / 100, timeout.Ticks);
    }

    [Fact]
    public void TryParse_LargestHours_DoesNotOverflow()
    {
        Assert.True(GrpcTimeout.TryParse("99999999H", out var timeout));
        Assert.Equal(TimeSpan.FromHours(99_999_999), timeout);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("5")]
    [InlineData("5s")]
    [InlineData("-5S")]
    [InlineData("123456789S")]
    [InlineData("1.5S")]
    [InlineData(null)]
    public void TryParse_Malformed_IsRejected(string? header)
    {
        Assert.False(GrpcTimeout.TryParse(header, out _));
    }

    [Fact]
    public void Format_RoundTripsThroughParse_AndNeverSendsZero()
    {
        Assert.True(GrpcTimeout.TryParse(GrpcTimeout.Format(TimeSpan.FromSeconds(5)), out var five));
        Assert.Equal(TimeSpan.FromSeconds(5), five);
        Assert.Equal("1m", GrpcTimeout.Format(TimeSpan.FromTicks(1)));
    }
}
