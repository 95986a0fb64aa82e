using FastScale.Baselines;
using FastScale.Burst;
using FastScale.Plan;
using FastScale.Serve;
using FastScale.Simulation.LatencyModel;
using Xunit.Abstractions;

namespace FastScale.Tests.Plan;

/// <summary>
/// A plan is only worth having if it tells what a burst measures: the same scenario and seed, once in simulated time and
/// once on the embedded world over loopback HTTP in real time, agree within 5% on P50 and P90.
/// </summary>
/// <remarks>
/// The burst runs at 1×, not the usual 4×, and alone: what a burst pays on top of the model (HTTP, API writes, a busy
/// thread pool) is stretched by its time scale. On a loaded 2-core machine warm-100's 100 node uncordons took 2 s
/// longer at 4× in one run, and on a shared CI host cold-100's P50 came out 6.1% above the plan at 2× (the plan within
/// 0.5% on a quiet machine). That is the host, not the model; the plan must agree with a burst given the CPU it needs.
/// </remarks>
[Collection(SerialBursts.Name)]
public sealed class PlanBurstAgreementTests(ITestOutputHelper output)
{
    private const double BurstTimeScale = 1;

    /// <summary>brake-100 compares counts, not times, and runs past its deadlines: 2× halves its two minutes.</summary>
    private const double CountsOnlyTimeScale = 2;

    [Theory]
    [InlineData("cold-100")]
    [InlineData("warm-100")]
    [InlineData("flaky-100")]
    public Task Scenario_PlanAndBurstWithTheSameSeed_AgreeWithinFivePercentOnP50AndP90(string name) => AgreeAsync(name);

    /// <summary>
    /// The same agreement for scenarios whose model parts the ones above already exercise (pacing, fallback, adoption):
    /// about two minutes of bursts at 1×, kept out of CI's run to hold it well under its time budget. Run them with
    /// <c>dotnet test FastScale.sln --filter Category=Long</c>.
    /// </summary>
    [Theory]
    [Trait("Category", "Long")]
    [InlineData("throttled-100")]
    [InlineData("stockout-100")]
    [InlineData("restart-100")]
    public Task LongScenario_PlanAndBurstWithTheSameSeed_AgreeWithinFivePercentOnP50AndP90(string name) => AgreeAsync(name);

    /// <summary>
    /// fastmode-100 agrees too, and shows fast mode's reason to exist: with pending pods as demand, FastScale's nodes are
    /// Ready ahead of the upstream baseline's by at least the autoscaler's reaction minus 1 s, on the same seed. A burst,
    /// not a plan, for that: fast mode needs the cluster simulator's API and scheduler. Both at 1×, so host overhead stays small.
    /// </summary>
    [Fact]
    public async Task FastMode100_PlanAgrees_AndFastScaleIsAheadOfUpstreamByTheAutoscalersReactionLessOneSecond()
    {
        var (burst, runner) = await AgreeAsync("fastmode-100");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(300));

        var upstream = await runner.RunUpstreamAsync(BurstScenarios.Find("fastmode-100", null, out _)!, progress: null, timeout.Token);

        var lead = UpstreamModel.LoadEmbedded().AutoscalerReaction.TotalSeconds - 1;
        output.WriteLine($"P50 FastScale {burst.Ready.P50:0.00} s, upstream {upstream.Ready.P50:0.00} s; P90 FastScale {burst.Ready.P90:0.00} s, " +
            $"upstream {upstream.Ready.P90:0.00} s; first cloud call FastScale {burst.FirstCloudCallSeconds:0.00} s; lead required {lead:0.0} s");
        Assert.Equal(100, upstream.NodesReady);
        Assert.True(burst.Ready.P50 <= upstream.Ready.P50 - lead, $"P50: FastScale {burst.Ready.P50} s, upstream {upstream.Ready.P50} s");
        Assert.True(burst.Ready.P90 <= upstream.Ready.P90 - lead, $"P90: FastScale {burst.Ready.P90} s, upstream {upstream.Ready.P90} s");
    }

    private async Task<(BurstRunResult Burst, BurstRunner Runner)> AgreeAsync(string name)
    {
        var scenario = BurstScenarios.Find(name, null, out _)!;
        var policy = EmbeddedPolicy.Load().Policy!;
        var profile = LatencyProfileLoader.LoadEmbedded().GetOrThrow();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(300));

        var plan = (await PlanRunner.RunAsync(scenario, new PlanSettings(policy, profile, Seed: 1), TimeProvider.System)).Run;
        var runner = new BurstRunner(new BurstSettings(policy, profile, Seed: 1, TimeScale: BurstTimeScale), TimeProvider.System);
        var burst = await runner.RunFastScaleAsync(scenario, progress: null, timeout.Token);

        Assert.Equal(100, burst.NodesReady);
        Assert.Equal(100, plan.NodesReady);
        foreach (var (q, planned, measured) in new[] { (50, plan.Ready.P50!.Value, burst.Ready.P50!.Value), (90, plan.Ready.P90!.Value, burst.Ready.P90!.Value) })
        {
            output.WriteLine($"P{q}: plan {planned:0.00} s, burst {measured:0.00} s ({(planned - measured) / measured:+0.0%;-0.0%;0.0%})");
            Assert.InRange(planned, measured * 0.95, measured * 1.05);
        }

        return (burst, runner);
    }

    [Fact]
    public async Task Brake100_PlanAndBurstWithTheSameSeed_HoldBackTheSameBrokenInstances()
    {
        var scenario = BurstScenarios.Find("brake-100", null, out _)!;
        var policy = EmbeddedPolicy.Load().Policy!;
        var profile = LatencyProfileLoader.LoadEmbedded().GetOrThrow();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(300));

        var plan = (await PlanRunner.RunAsync(scenario, new PlanSettings(policy, profile, Seed: 1), TimeProvider.System)).Run;
        var burst = await new BurstRunner(new BurstSettings(policy, profile, Seed: 1, TimeScale: CountsOnlyTimeScale), TimeProvider.System)
            .RunFastScaleAsync(scenario, progress: null, timeout.Token);

        output.WriteLine($"ready: plan {plan.NodesReady}, burst {burst.NodesReady}; replaced: plan {plan.ReplacedNodes}, burst {burst.ReplacedNodes}; " +
            $"held: plan {plan.LeakedInstances}, burst {burst.LeakedInstances}");
        Assert.True(plan.RepairPaused && burst.RepairPaused, "the brake should hold in both");
        Assert.Equal(burst.NodesReady, plan.NodesReady);
        Assert.Equal(burst.ReplacedNodes, plan.ReplacedNodes);
        Assert.Equal(burst.LeakedInstances, plan.LeakedInstances);
    }
}

/// <summary>Test classes whose bursts measure time run one after another, never beside each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialBursts
{
    public const string Name = "serial bursts";
}
