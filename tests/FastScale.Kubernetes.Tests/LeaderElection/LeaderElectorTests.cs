using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.LeaderElection;
using FastScale.Kubernetes.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Kubernetes.Tests.LeaderElection;

public sealed class LeaderElectorTests : IAsyncLifetime
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private FakeApiServer _server = null!;
    private FakeLeaseEndpoint _lease = null!;
    private IKubernetesApiClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeApiServer.StartAsync();
        _lease = new FakeLeaseEndpoint(_server);
        _client = _server.CreateClient(_time);
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Run_HolderStopsRenewing_OtherTakesOverOnlyAfterLeaseExpires()
    {
        var a = Elector("a", releaseOnCancel: false, out var aEvents);
        var b = Elector("b", releaseOnCancel: false, out var bEvents);
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var runA = a.RunAsync(stopA.Token);
        await _time.AdvanceUntilAsync(() => a.IsLeader, Step);
        var runB = b.RunAsync(stopB.Token);
        await _time.AdvanceUntilAsync(() => b.ObservedLeader == "a", Step);
        await _time.AdvanceUntilAsync(() => _lease.Writes >= 4, Step); // a few renewals while b waits
        Assert.False(b.IsLeader);

        // a crashes: it stops renewing and does not release.
        await stopA.CancelAsync();
        await runA.Within();
        var lastRenewal = DateTimeOffset.Parse(_lease.Current!["spec"]!["renewTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        await _time.AdvanceUntilAsync(() => b.IsLeader, Step);

        var spec = _lease.Current!["spec"]!;
        Assert.Equal("b", spec["holderIdentity"]!.GetValue<string>());
        Assert.Equal(1, spec["leaseTransitions"]!.GetValue<int>());
        var acquired = DateTimeOffset.Parse(spec["acquireTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(acquired >= lastRenewal + TimeSpan.FromSeconds(15), $"b took over at {acquired:O}, a renewed at {lastRenewal:O}");
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", spec["renewTime"]!.GetValue<string>());
        Assert.Equal(["leader a", "started a", "stopped a"], aEvents);
        Assert.Equal(["leader a", "leader b", "started b"], bEvents);

        await stopB.CancelAsync();
        await runB.Within();
    }

    [Fact]
    public async Task Run_LeaderShutsDownWithRelease_SuccessorDoesNotWaitOutTheLease()
    {
        var a = Elector("a", releaseOnCancel: true, out _);
        var b = Elector("b", releaseOnCancel: true, out _);
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var runA = a.RunAsync(stopA.Token);
        await _time.AdvanceUntilAsync(() => a.IsLeader, Step);
        var runB = b.RunAsync(stopB.Token);
        await _time.AdvanceUntilAsync(() => b.ObservedLeader == "a", Step);

        await stopA.CancelAsync();
        await runA.Within();
        Assert.Null(_lease.Current!["spec"]!["holderIdentity"]);
        var waited = await _time.AdvanceUntilAsync(() => b.IsLeader, Step);

        Assert.True(waited < TimeSpan.FromSeconds(5), $"b waited {waited}");
        await stopB.CancelAsync();
        await runB.Within();
    }

    [Fact]
    public async Task Run_CannotRenewPastDeadline_StopsLeading()
    {
        var a = Elector("a", releaseOnCancel: false, out var events);
        using var stop = new CancellationTokenSource();
        var run = a.RunAsync(stop.Token);
        await _time.AdvanceUntilAsync(() => a.IsLeader, Step);

        _lease.Failing = true;
        var waited = await _time.AdvanceUntilAsync(() => !a.IsLeader, Step);

        Assert.InRange(waited, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15));
        Assert.Equal(["started a", "stopped a"], events.Where(e => !e.StartsWith("leader", StringComparison.Ordinal)));
        await stop.CancelAsync();
        await run.Within();
    }

    [Fact]
    public void Create_InconsistentTimings_ReportsEveryProblem()
    {
        var error = Assert.Throws<ArgumentException>(() => LeaderElectorFactory.Create(_client, new LeaderElectionOptions
        {
            LeaseDuration = TimeSpan.FromSeconds(5),
            RenewDeadline = TimeSpan.FromSeconds(10),
            RetryPeriod = TimeSpan.FromSeconds(9),
        }));

        Assert.Contains("LeaseNamespace is required", error.Message);
        Assert.Contains("Identity is required", error.Message);
        Assert.Contains("must be greater than RenewDeadline", error.Message);
        Assert.Contains("must be greater than RetryPeriod", error.Message);
    }

    private ILeaderElector Elector(string identity, bool releaseOnCancel, out List<string> events)
    {
        var log = new List<string>();
        events = log;
        return LeaderElectorFactory.Create(
            _client,
            new LeaderElectionOptions { LeaseNamespace = "kube-system", LeaseName = "fastscale", Identity = identity, ReleaseOnCancel = releaseOnCancel },
            new LeaderElectionCallbacks
            {
                OnStartedLeading = _ => { lock (log) { log.Add("started " + identity); } },
                OnStoppedLeading = () => { lock (log) { log.Add("stopped " + identity); } },
                OnNewLeader = holder => { lock (log) { log.Add("leader " + holder); } },
            },
            _time,
            new Random(identity.GetHashCode(StringComparison.Ordinal) & 0xffff).NextDouble);
    }
}
