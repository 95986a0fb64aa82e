using FastScale.Simulation.LatencyModel;
using Xunit.Abstractions;

namespace FastScale.Simulation.Tests.LatencyModel;

/// <summary>The default profile against the field reference: no HTTP, no clock, only the model sampled.</summary>
public sealed class LatencyCalibrationTests(ITestOutputHelper output)
{
    private const int BurstNodes = 1000;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void DefaultProfile_ThousandPrebakedNodes_ReadyP90Within50To55Seconds(int seed)
    {
        var profile = LatencyProfileLoader.LoadEmbedded().GetOrThrow();

        var ready = BurstFloor.ReadySeconds(profile, BurstNodes, "containeros_3_x64_20G_alibase.vhd", new Random(seed));

        var p90 = Report("prebaked", seed, ready);
        Assert.InRange(p90, 50, 55);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void DefaultProfile_ThousandGeneralOsNodes_ReadyP90Over120Seconds(int seed)
    {
        var profile = LatencyProfileLoader.LoadEmbedded().GetOrThrow();

        var ready = BurstFloor.ReadySeconds(profile, BurstNodes, "aliyun_3_x64_20G_alibase_20240819.vhd", new Random(seed));

        Assert.True(Report("general", seed, ready) > 120);
    }

    [Fact]
    public void DefaultProfile_PrebakedBoot_IsMostlyUnderThreeSeconds()
    {
        var boot = LatencyProfileLoader.LoadEmbedded().GetOrThrow().BootOf("containeros-image");
        var random = new Random(7);

        var samples = Enumerable.Range(0, 10_000).Select(_ => boot.Sample(random).TotalSeconds).Order().ToList();

        Assert.InRange(BurstFloor.Percentile(samples, 0.5), 2.3, 2.7);
        Assert.InRange(BurstFloor.Percentile(samples, 0.9), 2.8, 3.2);
    }

    [Fact]
    public void ReadySeconds_SameSeed_SameFigures()
    {
        var profile = LatencyProfileLoader.LoadEmbedded().GetOrThrow();

        var first = BurstFloor.ReadySeconds(profile, 100, "containeros", new Random(5));
        var second = BurstFloor.ReadySeconds(profile, 100, "containeros", new Random(5));

        Assert.Equal(first, second);
    }

    private double Report(string kind, int seed, IReadOnlyList<double> ready)
    {
        var p50 = BurstFloor.Percentile(ready, 0.5);
        var p90 = BurstFloor.Percentile(ready, 0.9);
        var p99 = BurstFloor.Percentile(ready, 0.99);
        output.WriteLine($"{BurstNodes} {kind} nodes, seed {seed}: ready p50 {p50:0.0}s, p90 {p90:0.0}s, p99 {p99:0.0}s, max {ready[^1]:0.0}s");
        return p90;
    }
}
