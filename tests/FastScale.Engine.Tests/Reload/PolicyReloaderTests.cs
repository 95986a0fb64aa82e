using FastScale.Engine.Cloud;
using FastScale.Engine.Policy;
using FastScale.Engine.Reload;
using FastScale.Engine.Tests.NodeGroups;

namespace FastScale.Engine.Tests.Reload;

public sealed class PolicyReloaderTests
{
    private const string File = "policy.yaml";

    [Fact]
    public async Task Apply_NewImageAndSecurityGroup_TheNextLaunchUsesThem()
    {
        var policy = TestPolicies.OneGroup();
        var h = await EngineHarness.RecoveredAsync(policy);
        var reloader = new PolicyReloader(h.Registry, h.Budget);
        h.Engine.IncreaseSize("g1", 1);
        await h.ReconcileAsync();

        var result = reloader.Apply(Policies.WithGroup(policy, "g1", g => (g.ImageId, g.SecurityGroupId) = ("m-new", "sg-new")), File);
        h.Engine.IncreaseSize("g1", 1);
        await h.ReconcileAsync();

        Assert.Equal(PolicyReloadOutcome.Applied, result.Outcome);
        Assert.Equal(2, result.Generation);
        Assert.Equal([("m-test", "sg-test"), ("m-new", "sg-new")], h.Cloud.LaunchRequests.Select(r => (r.ImageId, r.SecurityGroupId)));
        Assert.Equal(2, h.Instances().Count);
    }

    [Fact]
    public async Task Apply_NewLabelsTaintsAndResources_RebuildTheTemplateAtOnce()
    {
        var policy = TestPolicies.OneGroup();
        var h = await EngineHarness.RecoveredAsync(policy);
        var reloader = new PolicyReloader(h.Registry, h.Budget);

        reloader.Apply(Policies.WithGroup(policy, "g1", g =>
        {
            g.Labels["team"] = "payments";
            g.Taints = [new TaintPolicy { Key = "dedicated", Value = "payments", Effect = "NoSchedule" }];
            g.Resources.Cpu = "4";
        }), File);

        var template = h.Registry.Find("g1")!.Template;
        Assert.Equal("payments", template.Labels["team"]);
        Assert.Equal("g1", template.Labels[Engine.NodeGroups.WellKnownLabels.NodeGroup]);
        Assert.Equal("dedicated", Assert.Single(template.Taints).Key);
        Assert.Equal("4", template.Capacity["cpu"]);
        Assert.Same(h.Registry.Find("g1")!.Policy, h.Registry.Policy.NodeGroups[0]);
    }

    [Fact]
    public async Task Apply_AnEqualPolicy_IsUnchangedAndKeepsTheGeneration()
    {
        var policy = TestPolicies.OneGroup();
        var h = await EngineHarness.RecoveredAsync(policy);
        var reloader = new PolicyReloader(h.Registry, h.Budget);

        var result = reloader.Apply(Policies.Copy(policy), File);

        Assert.Equal(PolicyReloadOutcome.Unchanged, result.Outcome);
        Assert.Equal(1, reloader.Generation);
        Assert.Same(policy, h.Registry.Policy);
    }

    [Fact]
    public async Task Apply_ARestartOnlyField_IsRefusedWithTheFieldNamed_AndNothingChanges()
    {
        var policy = TestPolicies.OneGroup();
        var h = await EngineHarness.RecoveredAsync(policy);
        var reloader = new PolicyReloader(h.Registry, h.Budget);

        var result = reloader.Apply(Policies.With(policy, p =>
        {
            p.ClusterId = "other";
            p.NodeGroups[0].ImageId = "m-new";
        }), File);

        Assert.Equal(PolicyReloadOutcome.Refused, result.Outcome);
        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("policy.yaml:0:0: clusterId: changes only with a restart (in force: \"test\", new: \"other\")", problem.ToString(), StringComparison.Ordinal);
        Assert.Same(policy, h.Registry.Policy);
        Assert.Equal("m-test", h.Registry.Find("g1")!.Policy.ImageId);
        Assert.Equal(1, reloader.Generation);
    }

    [Fact]
    public async Task Apply_RemovingAGroupThatHasNodes_IsRefused()
    {
        var policy = Policies.TwoGroups();
        var h = await EngineHarness.RecoveredAsync(policy);
        var reloader = new PolicyReloader(h.Registry, h.Budget);
        h.Engine.IncreaseSize("g2", 2);
        await h.ReconcileAsync();

        var result = reloader.Apply(Policies.With(policy, p => p.NodeGroups.RemoveAt(1)), File);

        Assert.Equal(PolicyReloadOutcome.Refused, result.Outcome);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("nodeGroups", problem.Field);
        Assert.Contains("'g2' is gone from the policy but still has target size 2, 2 instance(s)", problem.Message, StringComparison.Ordinal);
        Assert.Same(policy, h.Registry.Policy);
    }

    [Fact]
    public async Task Apply_RemovingAnEmptyGroupOrAddingOne_IsRefusedAsNeedingARestart()
    {
        var policy = Policies.TwoGroups();
        var h = await EngineHarness.RecoveredAsync(policy);
        var reloader = new PolicyReloader(h.Registry, h.Budget);

        var removed = reloader.Apply(Policies.With(policy, p => p.NodeGroups.RemoveAt(1)), File);
        var added = reloader.Apply(Policies.With(policy, p => p.NodeGroups.Add(TestPolicies.Group("g3"))), File);

        Assert.Contains("'g2' is gone from the policy; it is empty, but removing a group needs a restart", Assert.Single(removed.Problems).Message, StringComparison.Ordinal);
        var problem = Assert.Single(added.Problems);
        Assert.Equal(("nodeGroups[2]", "node group 'g3' is new; adding a group needs a restart"), (problem.Field, problem.Message));
    }

    [Fact]
    public async Task Apply_MaxSizeBelowTheTarget_IsRefused_AboveItIsAppliedAndBoundsTheAutoscaler()
    {
        var policy = TestPolicies.OneGroup(maxSize: 10);
        var h = await EngineHarness.RecoveredAsync(policy);
        var reloader = new PolicyReloader(h.Registry, h.Budget);
        h.Engine.IncreaseSize("g1", 5);

        var below = reloader.Apply(Policies.WithGroup(policy, "g1", g => g.MaxSize = 4), File);
        var above = reloader.Apply(Policies.WithGroup(policy, "g1", g => g.MaxSize = 6), File);

        Assert.Equal("nodeGroups[0].maxSize", Assert.Single(below.Problems).Field);
        Assert.Equal(PolicyReloadOutcome.Applied, above.Outcome);
        Assert.Null(h.Engine.IncreaseSize("g1", 1));
        Assert.NotNull(h.Engine.IncreaseSize("g1", 1));
    }

    [Fact]
    public async Task Apply_NewPacing_RepacesTheBudgetInPlace()
    {
        var policy = Policies.With(TestPolicies.OneGroup(), p => p.Pacing[CloudAction.RunInstances] = new ActionPacing { Qps = 2, Burst = 2 });
        var h = await EngineHarness.RecoveredAsync(policy);
        var reloader = new PolicyReloader(h.Registry, h.Budget);
        Assert.Equal(2, h.Budget.CurrentQps(CloudAction.RunInstances));

        reloader.Apply(Policies.With(policy, p => p.Pacing[CloudAction.RunInstances] = new ActionPacing { Qps = 8, Burst = 8 }), File);

        Assert.Equal(8, h.Budget.CurrentQps(CloudAction.RunInstances));
        Assert.Equal(PolicyDefaultsFor(h), h.Budget.CurrentQps(CloudAction.DescribeInstances));
    }

    private static double PolicyDefaultsFor(EngineHarness h) => h.Registry.Policy.PacingFor(CloudAction.DescribeInstances).Qps;
}
