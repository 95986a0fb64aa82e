namespace FastScale.Tests.Commands;

/// <summary><c>fastscale emulate ecs</c> as a real process: it must exit on SIGTERM, as a container runtime sends it.</summary>
public sealed class EmulateEcsCommandTests
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
}
