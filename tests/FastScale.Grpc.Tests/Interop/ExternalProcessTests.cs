using FastScale.Testing;

namespace FastScale.Grpc.Tests.Interop;

/// <summary>The runner's one promise that matters to CI: a hung peer is killed, with its children, and what it printed is kept.</summary>
public sealed class ExternalProcessTests
{
    [Fact]
    public async Task RunAsync_ProcessOutlivesTimeout_IsKilledWithChildrenAndOutputKept()
    {
        // The child sleep holds stdout open: unless the whole tree dies, reading the output would never finish.
        var result = await ExternalProcess.RunAsync("/bin/sh", ["-c", "echo started; echo oops >&2; sleep 120 & wait"],
            Path.GetTempPath(), TimeSpan.FromMilliseconds(500));

        Assert.True(result.TimedOut, result.Describe());
        Assert.Contains("started", result.StandardOutput);
        Assert.Contains("oops", result.StandardError);
        Assert.Contains("timed out", result.Describe());
    }

    [Fact]
    public async Task RunAsync_ProcessExits_ReportsExitCodeAndPassedChecks()
    {
        var result = await ExternalProcess.RunAsync("/bin/sh", ["-c", "echo 'ok first'; echo 'ok second (detail)'; echo 'FAIL third' >&2; exit 3"],
            Path.GetTempPath());

        Assert.False(result.TimedOut);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal(new HashSet<string> { "first", "second" }, result.PassedChecks);
    }
}
