using FastScale.Engine.Cloud;
using FastScale.Engine.NodeGroups;
using FastScale.Testing.Cloud;
using Xunit.Abstractions;

namespace FastScale.Engine.Tests.NodeGroups;

/// <summary>
/// ClientTokens across a scale-down and a restart (issue 15, item 4). The in-memory cloud keeps every token's first
/// answer for good, as ECS does, so a number that came back after the restart would hand the new scale-out the
/// released instances and create nothing.
/// </summary>
public sealed class RestartAfterScaleDownTests(ITestOutputHelper output)
{
    private const CloudAction Run = CloudAction.RunInstances;

    [Fact]
    public async Task ScaleUp_ScaleDownTheNewestBatches_Restart_ScaleUp_CreatesNewInstances_AndALostAnswerIsNotCreatedTwice()
    {
        var policy = TestPolicies.OneGroup();
        var first = await EngineHarness.RecoveredAsync(policy);
        first.Engine.IncreaseSize("g1", 250);
        await first.ReconcileAsync();
        var afterScaleUp = first.Cloud.InstanceCount;

        // The autoscaler removes the two newest batches (100 + 50): only the oldest batch's tags survive.
        var byBatch = first.Instances().GroupBy(i => i.LaunchBatch).OrderBy(g => g.Key).ToList();
        var doomed = byBatch.Skip(1).SelectMany(g => g).Select(i => new NodeRef(i.InstanceId, i.Id)).ToList();
        Assert.Null(first.Engine.DeleteNodes("g1", doomed));
        await first.ReconcileAsync();
        var afterScaleDown = first.Cloud.InstanceCount;

        // The pod is replaced: a new provider on the same cloud, the clock running on as a restart's would.
        first.Time.Advance(TimeSpan.FromSeconds(5));
        var restarted = await EngineHarness.RecoveredAsync(policy, first.Cloud, first.CloudOptions, first.Time);
        var recovered = restarted.Instances().Count;

        // The same two batches again: 100 and 50 on the same offering, the requests the released ones were.
        restarted.Engine.IncreaseSize("g1", 150);
        await restarted.ReconcileAsync();
        var afterSecondScaleUp = first.Cloud.InstanceCount;

        // A scale-up whose answer is lost after the cloud created its instances: the retry must get them back.
        first.Cloud.InjectLostResponse(Run);
        restarted.Engine.IncreaseSize("g1", 100);
        await restarted.ReconcileAsync();
        var afterLostAnswer = first.Cloud.InstanceCount;

        var runs = first.Cloud.Calls.Where(c => c.Action == Run).ToList();
        output.WriteLine(
            $"instances in the cloud: after scale-up {afterScaleUp}, after scale-down {afterScaleDown}, recovered by the new provider {recovered}, " +
            $"after its scale-up {afterSecondScaleUp}, after the lost answer {afterLostAnswer}; RunInstances calls {runs.Count}, " +
            $"distinct tokens {runs.Select(c => c.ClientToken).Distinct().Count()}");
        Assert.Equal([250, 100, 100, 250, 350], [afterScaleUp, afterScaleDown, recovered, afterSecondScaleUp, afterLostAnswer]);
        Assert.Equal(
            (await first.Cloud.ListAllPagesAsync("test", CancellationToken.None)).Value!.Select(i => i.InstanceId).Order(),
            restarted.Instances().Select(i => i.InstanceId).Order());

        // 3 + 2 calls under new tokens each; the lost call and its retry share one.
        Assert.Equal(7, runs.Count);
        Assert.Equal(6, runs.Select(c => c.ClientToken).Distinct().Count());
        Assert.Equal(runs[^2].ClientToken, runs[^1].ClientToken);
        Assert.Equal(1, first.Cloud.Calls.Count(c => c.Action == Run && c.Error is not null));
    }
}
