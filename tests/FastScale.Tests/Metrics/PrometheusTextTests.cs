using FastScale.Metrics;

namespace FastScale.Tests.Metrics;

public sealed class PrometheusTextTests
{
    [Theory]
    [InlineData("fastscale_ok:sub", "fastscale_ok:sub")]
    [InlineData("fastscale.demand-seconds", "fastscale_demand_seconds")]
    [InlineData("9lives", "_9lives")]
    [InlineData("", "_")]
    public void MetricName_InvalidCharacters_BecomeUnderscores(string name, string expected) =>
        Assert.Equal(expected, PrometheusText.MetricName(name));

    [Fact]
    public void LabelName_Colon_IsNotAllowed() => Assert.Equal("a_b", PrometheusText.LabelName("a:b"));

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.1, "0.1")]
    [InlineData(3.0, "3")]
    [InlineData(1e21, "1E+21")]
    public void Number_UsesGoParsableForms(double value, string expected) => Assert.Equal(expected, PrometheusText.Number(value));

    [Theory]
    [InlineData("fastscale_grpc_requests_total", null, "counter", "fastscale_grpc_requests_total")]
    [InlineData("fastscale_grpc_requests", null, "counter", "fastscale_grpc_requests_total")]
    [InlineData("fastscale_wait", "s", "histogram", "fastscale_wait_seconds")]
    [InlineData("fastscale_wait_seconds", "s", "histogram", "fastscale_wait_seconds")]
    [InlineData("fastscale_sent_total", "By", "counter", "fastscale_sent_bytes_total")]
    [InlineData("fastscale_queue", "{call}", "gauge", "fastscale_queue")]
    public void FamilyName_AddsBaseUnitAndTotalSuffixes(string instrument, string? unit, string kind, string expected) =>
        Assert.Equal(expected, InstrumentShape.FamilyName(instrument, unit, Enum.Parse<MetricKind>(kind, ignoreCase: true)));
}
