using System.CommandLine;
using FastScale.Commands;

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
}
