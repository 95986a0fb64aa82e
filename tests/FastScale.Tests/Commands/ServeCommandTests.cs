using System.CommandLine;
using FastScale.Commands;
using FastScale.Kubernetes.LeaderElection;

namespace FastScale.Tests.Commands;

public sealed class ServeCommandTests
{
    private static async Task<UserError> RefusalOfAsync(params string[] args)
    {
        var root = new RootCommand { ServeCommand.Create() };
        return await Assert.ThrowsAsync<UserError>(() =>
            root.Parse(["serve", .. args]).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));
    }

    [Fact]
    public async Task Serve_WithoutPolicyOrEmbedded_SaysWhatIsRequired()
    {
        var error = await RefusalOfAsync();

        Assert.Contains("--policy FILE is required", error.Message);
    }

    [Fact]
    public async Task Serve_ShutdownTimeoutBeyondThePodsGracePeriod_IsRefused()
    {
        var error = await RefusalOfAsync("--embedded", "--shutdown-timeout", "00:00:40");

        Assert.Contains("--shutdown-timeout must be between 0 and 25 s", error.Message);
    }

    [Fact]
    public async Task Serve_EmbeddedWithAnEcsEndpoint_IsRefusedAsContradictory()
    {
        var error = await RefusalOfAsync("--embedded", "--ecs-endpoint", "127.0.0.1:9");

        Assert.Contains("--embedded runs its own ECS emulator and cluster", error.Message);
    }

    [Fact]
    public async Task Serve_BadListenAndMetricsAndHalfTls_ReportsEveryProblemInOneLine()
    {
        var error = await RefusalOfAsync("--embedded", "--listen", "nowhere", "--metrics", "127.0.0.1:x", "--cert", "/no/cert.pem");

        Assert.Contains("--listen:", error.Message);
        Assert.Contains("--metrics:", error.Message);
        Assert.Contains("--key, --cert and --cacert go together", error.Message);
        Assert.DoesNotContain(Environment.NewLine, error.Message);
    }

    [Fact]
    public async Task Serve_PolicyPollIntervalAndDebounceOutOfRange_AreBothReportedAtStart()
    {
        var error = await RefusalOfAsync("--policy", "/no/such/policy.yaml", "--policy-poll-interval", "00:00:00.010", "--policy-debounce", "00:10:00");

        Assert.Contains("--policy-poll-interval must be 0 (SIGHUP only) or at least 100ms", error.Message);
        Assert.Contains("--policy-debounce must be between 0 and 5 minutes", error.Message);
    }

    [Fact]
    public async Task Serve_InvalidPolicyFile_ReportsItsProblemsWithPositions()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fastscale-policy-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, "clusterId: c\nregion: cn-hangzhou\nnodeGroups: []\nbogus: 1\n");
        try
        {
            var error = await RefusalOfAsync("--policy", path);

            Assert.Contains($"{path}:4:1: bogus", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static readonly LeaderElectionOptions Election = new() { LeaseNamespace = "kube-system", LeaseName = "fastscale", Identity = "fastscale-0" };

    private static Func<string, string?> Env(string? pod, string? ns = null) => name => name switch
    {
        "POD_NAME" => pod,
        "POD_NAMESPACE" => ns,
        _ => null,
    };

    [Fact]
    public void LeaderPodLabel_DefaultsOn_WithLeaderElectionAndAPodName()
    {
        var options = ServeCommand.LeaderPodLabelFrom(Election, enabled: null, Env("fastscale-7d9-abc", "ops"));

        Assert.NotNull(options);
        Assert.Equal("fastscale-7d9-abc", options.PodName);
        Assert.Equal("ops", options.PodNamespace);
        Assert.Equal("kube-system", ServeCommand.LeaderPodLabelFrom(Election, null, Env("p"))!.PodNamespace); // the lease's namespace
    }

    [Fact]
    public void LeaderPodLabel_DefaultsOff_WithoutLeaderElectionOrOutsideAPod()
    {
        Assert.Null(ServeCommand.LeaderPodLabelFrom(null, enabled: null, Env("fastscale-0")));
        Assert.Null(ServeCommand.LeaderPodLabelFrom(Election, enabled: null, Env(null)));
        Assert.Null(ServeCommand.LeaderPodLabelFrom(Election, enabled: false, Env("fastscale-0")));
    }

    [Fact]
    public void LeaderPodLabel_AskedForWithoutElectionOrPodName_IsRefused()
    {
        Assert.Contains("needs leader election", Assert.Throws<UserError>(() => ServeCommand.LeaderPodLabelFrom(null, true, Env("p"))).Message);
        Assert.Contains("needs POD_NAME", Assert.Throws<UserError>(() => ServeCommand.LeaderPodLabelFrom(Election, true, Env(null))).Message);
    }
}
