using FastScale.Engine.Leadership;
using FastScale.Engine.NodeGroups;
using FastScale.Testing.Cloud;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Engine.Tests.NodeGroups;

/// <summary>Two replicas over one cloud: only the active leader mutates; a follower mirrors the cloud; a new leader
/// rebuilds from the cloud before it acts, so nothing is launched twice.</summary>
public sealed class NodeGroupReconcilerLeadershipTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Follower_Writes_AreUnavailableAndNameTheLeader()
    {
        var follower = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup(), time: _time, role: ReplicaRole.Elected());
        follower.Role.Observe("replica-a");

        var error = follower.Engine.IncreaseSize("g1", 5);

        Assert.Equal(EngineErrorKind.Unavailable, error?.Kind);
        Assert.Contains("replica-a", error!.Message, StringComparison.Ordinal);
        Assert.Equal(0, follower.Engine.TargetSize("g1").Value);
    }

    [Fact]
    public async Task LeaderNotYetRebuilt_Writes_AreUnavailable()
    {
        var role = ReplicaRole.Elected();
        var replica = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup(), time: _time, role: role);
        role.Lead();

        var error = replica.Engine.IncreaseSize("g1", 5);

        Assert.Equal(EngineErrorKind.Unavailable, error?.Kind);
        Assert.Contains("taking over", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resync_MirrorsWhatTheLeaderLaunchedAndDeleted()
    {
        var leader = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup(), time: _time);
        var follower = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup(), leader.Cloud, time: _time, role: ReplicaRole.Elected());
        leader.Engine.IncreaseSize("g1", 150);
        await leader.ReconcileAsync();

        await follower.Reconciler.ResyncAsync(CancellationToken.None);
        Assert.Equal(150, follower.Instances().Count);
        Assert.Equal(150, follower.Engine.TargetSize("g1").Value);
        var doomed = leader.Instances().Take(50).Select(i => new NodeRef(i.InstanceId, i.Id)).ToList();
        Assert.Null(leader.Engine.DeleteNodes("g1", doomed));
        await leader.ReconcileAsync();

        await follower.Reconciler.ResyncAsync(CancellationToken.None);

        Assert.Equal(100, follower.Instances().Count);
        Assert.Equal(100, follower.Engine.TargetSize("g1").Value);
        Assert.Null(follower.Engine.ForNode(doomed[0]).Value);
        Assert.Equal(leader.Instances().Max(i => i.LaunchBatch), follower.Batches.Last("g1"));
    }

    [Fact]
    public async Task Follower_NeverLaunches_ThenTakesOverAndLaunchesOnlyWhatIsAsked()
    {
        var leader = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup(), time: _time);
        var role = ReplicaRole.Elected();
        var follower = new EngineHarness(TestPolicies.OneGroup(), leader.Cloud, time: _time, role: role);
        await follower.Reconciler.StartAsync(CancellationToken.None);
        leader.Engine.IncreaseSize("g1", 100);
        await leader.ReconcileAsync();
        var launchesByLeader = leader.Cloud.LaunchCalls;

        // The follower refreshes on its own timer, launching nothing.
        await StepUntilAsync(() => follower.Registry.IsRecovered && follower.Instances().Count == 100);
        Assert.Equal(launchesByLeader, leader.Cloud.LaunchCalls);

        // The leader dies; the follower wins the lease, rebuilds, and serves the autoscaler's next ask.
        role.Lead();
        await StepUntilAsync(() => role.IsActive);
        Assert.Null(follower.Engine.IncreaseSize("g1", 30));
        await StepUntilAsync(() => leader.Cloud.InstanceCount == 130 && follower.Reconciler.Pass.IsIdle);

        Assert.Equal(130, follower.Instances().Count);
        Assert.Equal(launchesByLeader + 1, leader.Cloud.LaunchCalls);
        Assert.True(follower.Batches.Last("g1") > leader.Batches.Last("g1"));
        Assert.Equal(30, follower.Instances().Count(i => i.LaunchBatch == follower.Batches.Last("g1")));
        await follower.Reconciler.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task TakingOverBeforeTheFirstRefresh_RebuildsFromTheCloudFirst_AndLaunchesNothingTwice()
    {
        var leader = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup(), time: _time);
        var role = ReplicaRole.Elected();
        var follower = new EngineHarness(TestPolicies.OneGroup(), leader.Cloud, time: _time, role: role);
        await follower.Reconciler.StartAsync(CancellationToken.None);
        await StepUntilAsync(() => follower.Registry.IsRecovered);
        leader.Engine.IncreaseSize("g1", 50);
        await leader.ReconcileAsync();

        // The leader dies and the follower wins the lease before its refresh timer ever fired.
        role.Lead();
        await StepUntilAsync(() => role.IsActive);
        Assert.Equal(50, follower.Engine.TargetSize("g1").Value);
        Assert.Null(follower.Engine.IncreaseSize("g1", 50));
        await StepUntilAsync(() => leader.Cloud.InstanceCount >= 100 && follower.Reconciler.Pass.IsIdle);

        Assert.Equal(100, leader.Cloud.InstanceCount);
        Assert.Equal(2, leader.Cloud.LaunchCalls);
        await follower.Reconciler.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Refresh_OnAFollower_ReReadsTheCloudBeforeItAnswers()
    {
        var leader = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup(), time: _time);
        var follower = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup(), leader.Cloud, time: _time, role: ReplicaRole.Elected());
        leader.Engine.IncreaseSize("g1", 30);
        await leader.ReconcileAsync();
        Assert.Equal(0, follower.Engine.TargetSize("g1").Value);

        await follower.Engine.RefreshAsync(CancellationToken.None);

        // Without it, an autoscaler that read 0 here and reached the follower just as it took over would ask for 30 more.
        Assert.Equal(30, follower.Engine.TargetSize("g1").Value);
    }

    [Fact]
    public async Task Refresh_OnTheActiveLeader_LeavesItsStateAlone()
    {
        var leader = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup(), time: _time);
        leader.Engine.IncreaseSize("g1", 5);
        var other = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup(), leader.Cloud, time: _time);
        other.Engine.IncreaseSize("g1", 10);
        await other.ReconcileAsync();

        await leader.Engine.RefreshAsync(CancellationToken.None);

        // The leader's own target (with its launches still to come) is what counts; a resync would have reset it.
        Assert.Equal(5, leader.Engine.TargetSize("g1").Value);
        Assert.Empty(leader.Instances());
    }

    [Fact]
    public async Task LosingLeadership_StopsLaunching()
    {
        var role = ReplicaRole.Elected();
        var replica = new EngineHarness(TestPolicies.OneGroup(), time: _time, role: role);
        await replica.Reconciler.StartAsync(CancellationToken.None);
        role.Lead();
        await StepUntilAsync(() => role.IsActive);

        role.Follow();
        Assert.Equal(EngineErrorKind.Unavailable, replica.Engine.IncreaseSize("g1", 10)?.Kind);
        for (var i = 0; i < 50; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Yield();
        }

        Assert.Equal(0, replica.Cloud.LaunchCalls);
        await replica.Reconciler.StopAsync(CancellationToken.None);
    }

    /// <summary>
    /// Steps the fake clock while the hosted reconciler works on the thread pool. Bounded in real time, not in steps: on
    /// a loaded 2-core machine (a full CI run) the pool can fall behind 2,000 quick steps, and the test then failed
    /// although nothing was wrong.
    /// </summary>
    private async Task StepUntilAsync(Func<bool> done)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!done() && TimeProvider.System.GetElapsedTime(start) < TimeSpan.FromSeconds(30))
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System);
        }

        Assert.True(done(), "not reached in simulated time");
    }
}
