using FastScale.Burst;
using FastScale.Burst.Reports;
using FastScale.Serve;
using FastScale.Simulation.LatencyModel;

namespace FastScale.Tests.Burst.Reports;

/// <summary>
/// One small real burst shared by the report tests: throttled-20 (the account allows 2 RunInstances a second and the
/// first calls are answered Throttling, so the calls chart has throttles to mark), FastScale and the naive baseline on
/// the embedded world at 8× wall time, written to a temporary report folder.
/// </summary>
public sealed class BurstReportFixture : IAsyncLifetime
{
    public const string ScenarioName = "throttled-20";

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "fastscale-report-" + Guid.NewGuid().ToString("N"));

    internal BurstReport Report { get; private set; } = null!;

    public string PathOf(string file) => Path.Combine(Folder, file);

    public async Task InitializeAsync()
    {
        var scenario = BurstScenarios.Find(ScenarioName, null, out _)!;
        var settings = new BurstSettings(EmbeddedPolicy.Load().Policy!, LatencyProfileLoader.LoadEmbedded().GetOrThrow(), Seed: 1, TimeScale: 8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        Report = await BurstSession.RunAsync(scenario, settings, Folder, progress: null, TimeProvider.System, timeout.Token);
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        return Task.CompletedTask;
    }
}
