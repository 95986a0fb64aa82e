using FastScale.Baselines;
using FastScale.Burst;
using FastScale.Serve;
using FastScale.Simulation.LatencyModel;
using FastScale.Tests.Plan;
using Xunit.Abstractions;

namespace FastScale.Tests.Baselines;

/// <summary>
/// fast mode's reason to exist, pinned: with pending pods as demand, FastScale's nodes are Ready ahead of the upstream
/// baseline's by at least the autoscaler's reaction minus 1 s, measured in one burst of each on the same seed. A burst,
/// not a plan: fast mode needs the cluster simulator's API and scheduler. At 1× so host overhead stays small.
/// </summary>
[Collection(SerialBursts.Name)]
public sealed class FastModeHeadStartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task FastMode100_AheadOfUpstream_ByTheAutoscalersReactionLessOneSecond()
    {
        var scenario = BurstScenarios.Find("fastmode-100", null, out _)!;
        var settings = new BurstSettings(EmbeddedPolicy.Load().Policy!, LatencyProfileLoader.LoadEmbedded().GetOrThrow(), Seed: 1, TimeScale: 1);
        var runner = new BurstRunner(settings, TimeProvider.System);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(300));

        var fastScale = await runner.RunFastScaleAsync(scenario, progress: null, timeout.Token);
        var upstream = await runner.RunUpstreamAsync(scenario, progress: null, timeout.Token);

        var lead = UpstreamModel.LoadEmbedded().AutoscalerReaction.TotalSeconds - 1;
        output.WriteLine($"P50 FastScale {fastScale.Ready.P50:0.00} s, upstream {upstream.Ready.P50:0.00} s; P90 FastScale {fastScale.Ready.P90:0.00} s, " +
            $"upstream {upstream.Ready.P90:0.00} s; first cloud call FastScale {fastScale.FirstCloudCallSeconds:0.00} s; lead required {lead:0.0} s");
        Assert.Equal(100, fastScale.NodesReady);
        Assert.Equal(100, upstream.NodesReady);
        Assert.True(fastScale.Ready.P50 <= upstream.Ready.P50 - lead, $"P50: FastScale {fastScale.Ready.P50} s, upstream {upstream.Ready.P50} s");
        Assert.True(fastScale.Ready.P90 <= upstream.Ready.P90 - lead, $"P90: FastScale {fastScale.Ready.P90} s, upstream {upstream.Ready.P90} s");
    }
}
