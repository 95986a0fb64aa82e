using Microsoft.AspNetCore.Builder;

namespace FastScale.Burst;

/// <summary>
/// The restart of a <c>restart-N</c> run: waits for the <see cref="ProviderCrash"/>, stops the dead provider (its
/// in-flight calls are cancelled, as a killed process's would be), starts a new one with the same settings on the same
/// gRPC address (as a Service would route to the new pod), and asks, as the autoscaler does for pods that are still
/// pending, for the nodes the new provider's recovered target does not cover.
/// </summary>
internal sealed class ProviderRestart(ProviderCrash crash, Func<WebApplication> buildSuccessor, BurstWorld world, TimeProvider time)
{
    public WebApplication? Successor { get; private set; }

    public RestartFigures? Figures { get; private set; }

    public async Task RunAsync(WebApplication dead, AutoscalerDriver autoscaler, int nodes, DateTimeOffset t0, CancellationToken cancellationToken)
    {
        await crash.Crashed.WaitAsync(cancellationToken);
        var crashedAt = time.GetUtcNow();
        var instancesAtCrash = world.Ecs.Emulator.Instances().Count;
        await dead.StopAsync(CancellationToken.None);

        var successor = buildSuccessor();
        Successor = successor;
        await successor.StartAsync(cancellationToken);
        await autoscaler.WaitUntilServingAsync(cancellationToken);
        var recoveredAt = time.GetUtcNow();
        var target = await autoscaler.TargetSizeAsync(cancellationToken);
        var missing = nodes - target;
        if (missing > 0)
        {
            await autoscaler.IncreaseSizeAsync(missing, cancellationToken);
        }

        while (missing > 0 && world.Ecs.Counters.FirstCallAt("RunInstances", recoveredAt) is null)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken);
        }

        var firstLaunch = world.Ecs.Counters.FirstCallAt("RunInstances", crashedAt);
        Figures = new RestartFigures(
            BurstRunner.Seconds(crashedAt, t0), instancesAtCrash, (recoveredAt - crashedAt).TotalSeconds,
            firstLaunch is { } at ? (at - crashedAt).TotalSeconds : null, Math.Max(0, missing));
    }
}
