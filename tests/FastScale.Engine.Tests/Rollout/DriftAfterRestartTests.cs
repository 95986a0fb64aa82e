using FastScale.Engine.Cloud;
using FastScale.Engine.Policy;
using FastScale.Engine.Rollout;
using FastScale.Engine.Tests.NodeGroups;
using FastScale.Engine.Tests.WarmPool;
using FastScale.Testing.Cloud;

namespace FastScale.Engine.Tests.Rollout;

/// <summary>
/// Drift survives a restart: instances carry the template hash they were launched with, the rebuilt engine reads it
/// back with the cloud's facts, and a provider started with a changed policy sees the old instances as drifted.
/// </summary>
public sealed class DriftAfterRestartTests
{
    [Fact]
    public async Task LaunchWithPolicyA_RestartWithANewImage_OldInstancesDriftOnImage_NewOnesDoNot()
    {
        var policyA = TestPolicies.OneGroup();
        var first = await EngineHarness.RecoveredAsync(policyA);
        first.Engine.IncreaseSize("g1", 5);
        await first.ReconcileAsync();
        var hashA = NodeTemplateHash.Of(policyA.NodeGroups[0]);
        var inCloud = (await first.Cloud.ListAllPagesAsync("test", CancellationToken.None)).Value!;
        Assert.Equal(5, inCloud.Count);
        Assert.All(inCloud, i => Assert.Equal(hashA, i.TemplateHash));
        Assert.All(first.Instances(), i => Assert.False(DriftDetector.Judge(policyA.NodeGroups[0], i.Origin).IsDrifted));

        // A new provider on the same cloud, started with the image changed in its policy.
        var policyB = TestPolicies.OneGroup();
        policyB.NodeGroups[0].ImageId = "m-new";
        first.Time.Advance(TimeSpan.FromSeconds(5));
        var restarted = await EngineHarness.RecoveredAsync(policyB, first.Cloud, first.CloudOptions, first.Time);
        var groupB = policyB.NodeGroups[0];

        var old = restarted.Instances();
        Assert.Equal(5, old.Count);
        Assert.All(old, i => Assert.Equal(hashA, i.Origin!.TemplateHash));
        Assert.All(old, i => Assert.Equal(new DriftVerdict(DriftReasons.Image, TemplateKnown: true), DriftDetector.Judge(groupB, i.Origin)));

        restarted.Engine.IncreaseSize("g1", 3);
        await restarted.ReconcileAsync();
        var fresh = restarted.Instances().Where(i => !old.Any(o => o.InstanceId == i.InstanceId)).ToList();
        Assert.Equal(3, fresh.Count);
        Assert.All(fresh, i => Assert.Equal(NodeTemplateHash.Of(groupB), i.Origin!.TemplateHash));
        Assert.All(fresh, i => Assert.False(DriftDetector.Judge(groupB, i.Origin).IsDrifted));
        using var metrics = new DriftMetricsProbe(restarted.Registry, pools: null);
        Assert.Equal(5, metrics.Drifted("g1", "nodes"));
    }

    [Fact]
    public async Task InstancesWithoutTheTag_AreJudgedOnFacts_AfterARestart()
    {
        var policy = TestPolicies.OneGroup();
        var first = await EngineHarness.RecoveredAsync(policy);
        // Launched as a provider before the tag existed would have: no template hash on the request.
        await first.Cloud.LaunchAsync(
            new LaunchRequest("test", "g1", "old-token", "m-test", "ecs.g7.large", "cn-hangzhou-h", "vsw-h", "sg-test", 2, 2),
            CancellationToken.None);

        var samePolicy = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup(), first.Cloud, first.CloudOptions, first.Time);
        var labelsChanged = TestPolicies.OneGroup();
        labelsChanged.NodeGroups[0].Labels["new"] = "1";
        var typeChanged = TestPolicies.OneGroup(1000, 0, "ecs.g8i.large");

        Assert.All(samePolicy.Instances(), i => Assert.Equal(new DriftVerdict(DriftReasons.None, TemplateKnown: false),
            DriftDetector.Judge(labelsChanged.NodeGroups[0], i.Origin)));
        Assert.All(samePolicy.Instances(), i => Assert.Equal(DriftReasons.InstanceTypeUnlisted,
            DriftDetector.Judge(typeChanged.NodeGroups[0], i.Origin).Reasons));
    }

    [Fact]
    public async Task WarmInstances_DriftInThePool_AScaleOutTakesNone_AndThePoolIsRefilledWithTheCurrentTemplate()
    {
        var policyA = WarmPoolHarness.Policy(poolSize: 2);
        var first = await WarmPoolHarness.RecoveredAsync(policyA);
        await first.FillAsync();

        var policyB = WarmPoolHarness.Policy(poolSize: 2);
        policyB.NodeGroups[0].Labels["workload.fastscale.io/class"] = "batch";
        var restarted = await WarmPoolHarness.RecoveredAsync(policyB, first.Cloud, first.CloudOptions, first.Time);
        Assert.Equal(2, restarted.Pool.Ready);
        using (var metrics = new DriftMetricsProbe(restarted.Registry, restarted.WarmPools))
        {
            Assert.Equal((0, 2), (metrics.Drifted("g1", "nodes"), metrics.Drifted("g1", "warm")));
        }

        // A scale-out must get what the policy says today: the old-template warm instances are not taken.
        var warmIds = restarted.WarmPools.WarmInstanceIds();
        restarted.Engine.IncreaseSize("g1", 2);
        await restarted.RunUntilAsync(() => restarted.Nodes().Count == 2);

        Assert.Empty(restarted.Nodes().Select(n => n.InstanceId).Intersect(warmIds));
        Assert.All(restarted.Nodes(), n => Assert.False(DriftDetector.Judge(policyB.NodeGroups[0], n.Origin).IsDrifted));

        // Behind it, at the warm pool's priority, the pool replaces its old-template instances.
        await restarted.RunUntilAsync(() => restarted.WarmPools.WarmInstanceIds().Intersect(warmIds).Count() == 0 && restarted.Pool.Ready == 2);
        using (var metrics = new DriftMetricsProbe(restarted.Registry, restarted.WarmPools))
        {
            Assert.Equal((0, 0), (metrics.Drifted("g1", "nodes"), metrics.Drifted("g1", "warm")));
        }
    }
}
