using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Engine.Reload;
using FastScale.Serve.Reload;
using FastScale.Tests.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Tests.Serve.Reload;

/// <summary>The host's side of a reload on a fake clock: a real ConfigMap-like directory, polled and debounced on the clock.</summary>
public sealed class PolicyFileReloaderTests : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Debounce = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 5, 0, 0, TimeSpan.Zero));
    private readonly ConfigMapVolume _volume = new(SamplePolicy.Text());
    private readonly TestMeterFactory _meters = new();
    private readonly ReloadInstruments _instruments;
    private readonly NodeGroupRegistry _registry;
    private readonly PolicyFileReloader _reloader;

    public PolicyFileReloaderTests()
    {
        _instruments = new ReloadInstruments(_meters);
        _registry = new NodeGroupRegistry(PolicyLoader.LoadFile(_volume.PolicyPath).Policy!);
        _registry.MarkRecovered();
        var engine = new PolicyReloader(_registry);
        _reloader = new PolicyFileReloader(
            new PolicyReloadOptions { Path = _volume.PolicyPath, PollInterval = Poll, Debounce = Debounce },
            engine, _registry, new PolicyReloadMetrics(engine, _meters), _time, NullLogger<PolicyFileReloader>.Instance);
        _reloader.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    [Fact]
    public void ConfigMapSymlinkSwap_IsNoticedOnThePollAndAppliedOnceSettled()
    {
        _volume.Update(SamplePolicy.WithNewImageAndLabel());

        _time.Advance(Poll);
        Assert.Equal("m-bp1g7004ksh0oeuc4z6c", General().Policy.ImageId);
        _time.Advance(Poll);

        Assert.Equal("m-new", General().Policy.ImageId);
        Assert.Equal("general-v2", General().Template.Labels["workload.fastscale.io/class"]);
        Assert.Equal(1, _instruments.Reloads("applied"));
        Assert.Equal(2, _instruments.Gauge("fastscale_policy_generation"));
        Assert.Equal(1, _instruments.Gauge("fastscale_policy_last_reload_success"));
    }

    [Fact]
    public void InvalidYaml_IsRefusedWithValidatesProblems_CountedOnce_AndTheOldPolicyStays()
    {
        var before = _registry.Policy;
        _volume.Update(SamplePolicy.Text().Replace("maxSize: 20", "maxSize: -3", StringComparison.Ordinal));
        var expected = PolicyLoader.LoadFile(_volume.PolicyPath).Problems;
        Assert.NotEmpty(expected);

        _time.Advance(Poll);
        _time.Advance(Debounce);
        var result = _reloader.Poll();
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(Poll);
        }

        Assert.NotNull(result);
        Assert.Equal(PolicyReloadOutcome.Refused, result.Outcome);
        Assert.Equal(expected.Select(p => p.ToString()), result.Problems.Select(p => p.ToString()));
        Assert.Matches(@"policy\.yaml:\d+:\d+: nodeGroups\[1\]\.maxSize: ", result.Problems[0].ToString());
        Assert.Same(before, _registry.Policy);
        Assert.Equal(1, _instruments.Reloads("refused"));
        Assert.Equal(0, _instruments.Gauge("fastscale_policy_last_reload_success"));
        Assert.Equal(1, _instruments.Gauge("fastscale_policy_generation"));
    }

    [Fact]
    public void ARestartOnlyField_IsRefusedAndCounted()
    {
        _volume.Update(SamplePolicy.Text().Replace("clusterId: fastscale-demo", "clusterId: other", StringComparison.Ordinal));

        _time.Advance(Poll);
        _time.Advance(Debounce);
        var result = _reloader.Poll();

        Assert.Equal(PolicyReloadOutcome.Refused, result!.Outcome);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("clusterId", 15, 1), (problem.Field, problem.Line, problem.Column));
        Assert.StartsWith($"{_volume.PolicyPath}:15:1: clusterId: changes only with a restart", problem.ToString(), StringComparison.Ordinal);
        Assert.Equal("fastscale-demo", _registry.Policy.ClusterId);
        Assert.Equal(1, _instruments.Reloads("refused"));
    }

    [Fact]
    public void ASwapToTheSameContent_ReloadsNothing()
    {
        _volume.Update(SamplePolicy.Text());

        for (var i = 0; i < 3; i++)
        {
            _time.Advance(Poll);
        }

        Assert.Equal(0, _instruments.Reloads("applied") + _instruments.Reloads("refused"));
        Assert.Equal(1, _instruments.Gauge("fastscale_policy_generation"));
    }

    [Fact]
    public void ContentStillChangingAtEachPoll_WaitsForTheLastVersion()
    {
        _volume.Update(SamplePolicy.Text().Replace(SamplePolicy.Image, "imageId: m-first", StringComparison.Ordinal));
        _time.Advance(Poll);
        _volume.Update(SamplePolicy.Text().Replace(SamplePolicy.Image, "imageId: m-second", StringComparison.Ordinal));
        _time.Advance(Poll);
        Assert.Equal(0, _instruments.Reloads("applied"));

        _time.Advance(Poll);

        Assert.Equal("m-second", General().Policy.ImageId);
        Assert.Equal(1, _instruments.Reloads("applied"));
    }

    [Fact]
    public void Hangup_ReloadsAtOnceWithoutWaitingForThePollOrTheDebounce()
    {
        _volume.Update(SamplePolicy.WithNewImageAndLabel());

        _reloader.OnHangup();

        Assert.Equal("m-new", General().Policy.ImageId);
        Assert.Equal(1, _instruments.Reloads("applied"));
    }

    [Fact]
    public void BeforeTheGroupsAreRecovered_NothingIsReloaded()
    {
        var registry = new NodeGroupRegistry(_registry.Policy);
        var engine = new PolicyReloader(registry);
        using var reloader = new PolicyFileReloader(
            new PolicyReloadOptions { Path = _volume.PolicyPath, PollInterval = TimeSpan.Zero }, engine, registry,
            new PolicyReloadMetrics(engine, _meters), _time, NullLogger<PolicyFileReloader>.Instance);
        _volume.Update(SamplePolicy.WithNewImageAndLabel());

        reloader.OnHangup();
        Assert.Equal("m-bp1g7004ksh0oeuc4z6c", registry.Find("general")!.Policy.ImageId);

        registry.MarkRecovered();
        var result = reloader.Poll();
        Assert.Equal(PolicyReloadOutcome.Applied, result!.Outcome);
    }

    [Fact]
    public void Options_OutOfRange_AreAllReported()
    {
        var problems = new PolicyReloadOptions { Path = "", PollInterval = TimeSpan.FromMilliseconds(10), Debounce = TimeSpan.FromSeconds(-1) }.Validate();

        Assert.Equal(3, problems.Count);
    }

    public void Dispose()
    {
        _reloader.Dispose();
        _instruments.Dispose();
        _meters.Dispose();
        _volume.Dispose();
    }

    private NodeGroup General() => _registry.Find("general")!;
}
