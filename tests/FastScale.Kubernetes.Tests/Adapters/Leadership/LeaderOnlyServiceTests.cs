using FastScale.Engine.Leadership;
using FastScale.Kubernetes.Adapters.Leadership;
using Microsoft.Extensions.Hosting;

namespace FastScale.Kubernetes.Tests.Adapters.Leadership;

public sealed class LeaderOnlyServiceTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Inner_RunsOnlyWhileLeadingAndRebuilt_AndStopsTheMomentLeadershipEnds()
    {
        var role = ReplicaRole.Elected();
        var inner = new RecordingService();
        var gate = new LeaderOnlyService(inner, role, TimeProvider.System);
        await gate.StartAsync(CancellationToken.None);

        role.Lead();
        Assert.False(inner.Started.Task.IsCompleted); // leading, but not rebuilt from the cloud yet
        var term = (await role.WaitForTermAsync(TimeSpan.Zero, TimeProvider.System, CancellationToken.None))!.Value;
        role.Activate(term);
        await inner.Started.Task.WaitAsync(Limit);

        role.Follow();
        await inner.Stopped.Task.WaitAsync(Limit);

        await gate.StopAsync(CancellationToken.None);
        Assert.Equal(1, inner.Starts);
    }

    [Fact]
    public async Task Single_StartsTheInnerAtOnce()
    {
        var inner = new RecordingService();
        var gate = new LeaderOnlyService(inner, ReplicaRole.Single(), TimeProvider.System);

        await gate.StartAsync(CancellationToken.None);
        await inner.Started.Task.WaitAsync(Limit);
        await gate.StopAsync(CancellationToken.None);

        await inner.Stopped.Task.WaitAsync(Limit);
    }

    private sealed class RecordingService : IHostedService
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Stopped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Starts { get; private set; }

        public Task StartAsync(CancellationToken cancellationToken)
        {
            Starts++;
            Started.TrySetResult();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Stopped.TrySetResult();
            return Task.CompletedTask;
        }
    }
}
