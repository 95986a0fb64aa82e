namespace FastScale.Tests.Commands;

/// <summary>The long-running commands as real processes: each must exit on SIGTERM, as a container runtime sends it.</summary>
public sealed class SigtermTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task EmulateEcs_Sigterm_ExitsWithinSeconds()
    {
        using var host = HostProcess.Start("emulate", "ecs", "--listen", "127.0.0.1:0");
        Assert.True(await host.WaitForOutputAsync("ECS emulator listening on", StartTimeout), "the emulator did not start:\n" + host.Output);

        host.SendSigterm();

        Assert.True(await host.WaitForExitAsync(ExitTimeout), "still running 5 s after SIGTERM:\n" + host.Output);
    }

    [Fact]
    public async Task EmulateCluster_Sigterm_ExitsWithinSeconds()
    {
        using var host = HostProcess.Start("emulate", "cluster", "--listen", "127.0.0.1:0");
        Assert.True(await host.WaitForOutputAsync("Cluster simulator listening on", StartTimeout), "the simulator did not start:\n" + host.Output);

        host.SendSigterm();

        Assert.True(await host.WaitForExitAsync(ExitTimeout), "still running 5 s after SIGTERM:\n" + host.Output);
    }

    [Fact]
    public async Task ServeEmbedded_Sigterm_ReleasesTheLeaseAndExitsWithinSeconds()
    {
        using var host = HostProcess.Start("serve", "--embedded", "--listen", "127.0.0.1:0", "--metrics", "127.0.0.1:0", "--leader-elect-identity", "sigterm-test");
        Assert.True(await host.WaitForOutputAsync("FastScale serving externalgrpc", StartTimeout), "the provider did not start:\n" + host.Output);
        // Leader election is on by default with a Kubernetes API (the embedded simulator's).
        Assert.True(await host.WaitForOutputAsync("sigterm-test is now the leader", StartTimeout), "the provider never led:\n" + host.Output);

        host.SendSigterm();

        Assert.True(await host.WaitForExitAsync(ExitTimeout), "still running 5 s after SIGTERM:\n" + host.Output);
        // Released, not left to run out: a follower takes over at its next retry instead of after 15 s.
        Assert.Contains("sigterm-test released the lease", host.Output, StringComparison.Ordinal);
    }
}
