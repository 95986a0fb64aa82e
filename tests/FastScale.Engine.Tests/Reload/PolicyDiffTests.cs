using FastScale.Engine.Cloud;
using FastScale.Engine.Policy;
using FastScale.Engine.Reload;

namespace FastScale.Engine.Tests.Reload;

public sealed class PolicyDiffTests
{
    [Fact]
    public void Between_AnEqualCopy_IsEmpty()
    {
        var policy = Policies.TwoGroups();

        Assert.True(PolicyDiff.Between(policy, Policies.Copy(policy)).IsEmpty);
    }

    [Fact]
    public void Between_GroupFieldsChanged_AreRuntimeChangesNamedByTheirPathInTheNewFile()
    {
        var policy = Policies.TwoGroups();
        var next = Policies.WithGroup(policy, "g2", g =>
        {
            g.ImageId = "m-new";
            g.Labels["team"] = "a";
            g.WarmPool.Size = 3;
        });

        var change = PolicyDiff.Between(policy, next);

        Assert.Equal(["nodeGroups[1].imageId", "nodeGroups[1].labels", "nodeGroups[1].warmPool"], change.Fields.Select(f => f.Path));
        Assert.All(change.Fields, f => Assert.Equal(ReloadScope.Runtime, f.Scope));
        Assert.Empty(change.NeedsRestart);
        Assert.Equal("\"m-test\"", change.Fields[0].Before);
        Assert.Equal("\"m-new\"", change.Fields[0].After);
    }

    [Fact]
    public void Between_PacingChanged_IsARuntimeChange()
    {
        var policy = Policies.TwoGroups();
        var next = Policies.With(policy, p => p.Pacing[CloudAction.RunInstances] = new ActionPacing { Qps = 20, Burst = 20 });

        var change = PolicyDiff.Between(policy, next);

        Assert.Equal("pacing", Assert.Single(change.Runtime).Path);
    }

    [Fact]
    public void Between_ClusterIdRegionAndProvider_NeedARestart()
    {
        var policy = Policies.TwoGroups();
        var next = Policies.With(policy, p =>
        {
            p.ClusterId = "other";
            p.Region = "cn-beijing";
            p.Provider.FastMode = false;
        });

        var change = PolicyDiff.Between(policy, next);

        Assert.Equal(["clusterId", "region", "provider"], change.NeedsRestart.Select(f => f.Path));
    }

    [Fact]
    public void Between_GroupsAddedRemovedOrReordered_AreReportedAsSuch()
    {
        var policy = Policies.TwoGroups();
        var next = Policies.With(policy, p => p.NodeGroups = [p.NodeGroups[1], TestPolicies.Group("g3")]);
        var reordered = Policies.With(policy, p => p.NodeGroups.Reverse());

        var change = PolicyDiff.Between(policy, next);

        Assert.Equal(["g3"], change.AddedGroups);
        Assert.Equal(["g1"], change.RemovedGroups);
        Assert.False(change.GroupOrderChanged);
        Assert.True(PolicyDiff.Between(policy, reordered).GroupOrderChanged);
    }
}
