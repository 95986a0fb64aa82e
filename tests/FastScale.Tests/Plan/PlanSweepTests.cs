using FastScale.Engine.Cloud;
using FastScale.Engine.Policy;
using FastScale.Plan;
using FastScale.Serve;

namespace FastScale.Tests.Plan;

public sealed class PlanSweepTests
{
    private static readonly ScalePolicy Policy = EmbeddedPolicy.Load().Policy!;
    private static readonly NodeGroupPolicy Group = Policy.NodeGroups[0];

    [Fact]
    public void Parse_WarmPoolSizes_ChangesOnlyACopyOfTheGroup()
    {
        var sweep = PlanSweep.Parse("warmPool=0,100,250", Group, out var problems)!;

        Assert.Empty(problems);
        Assert.Equal(PlanSweep.WarmPool, sweep.Parameter);
        Assert.Equal(["0", "100", "250"], sweep.Values.Select(v => v.Label));
        var changed = sweep.Values[2].Apply(Policy);
        Assert.Equal(250, changed.NodeGroups.First(g => g.Id == Group.Id).WarmPool.Size);
        Assert.Equal(0, Group.WarmPool.Size);
    }

    [Fact]
    public void Parse_Qps_SetsRunInstancesPacing()
    {
        var sweep = PlanSweep.Parse("qps=5,2.5", Group, out _)!;

        var pacing = sweep.Values[1].Apply(Policy).PacingFor(CloudAction.RunInstances);

        Assert.Equal(2.5, pacing.Qps);
        Assert.Equal(3, pacing.Burst);
        Assert.Equal(10, Policy.PacingFor(CloudAction.RunInstances).Qps);
    }

    [Fact]
    public void Parse_InstanceTypes_JoinedWithPlus_AreOnePreferenceListPerValue()
    {
        var sweep = PlanSweep.Parse("instanceTypes=ecs.g7.large+ecs.g6.large,ecs.g6.large", Group, out _)!;

        Assert.Equal(["ecs.g7.large", "ecs.g6.large"], sweep.Values[0].Apply(Policy).NodeGroups[0].InstanceTypes);
        Assert.Equal(["ecs.g6.large"], sweep.Values[1].Apply(Policy).NodeGroups[0].InstanceTypes);
    }

    [Theory]
    [InlineData("warmPool=0,ten,100", "'ten'")]
    [InlineData("warmPool=0,5000", "'5000'")]
    [InlineData("warmPool=-1", "'-1'")]
    [InlineData("qps=5,0", "'0'")]
    [InlineData("qps=fast", "'fast'")]
    [InlineData("instanceTypes=ecs.g7.large+g7", "'g7'")]
    [InlineData("instanceTypes=ecs.g7.large,ecs.g7.xlarge|ecs.g7.large", "'ecs.g7.xlarge|ecs.g7.large'")]
    [InlineData("warmPool=0,,100", "empty value")]
    [InlineData("warmPool=100,100", "'100' is given more than once")]
    [InlineData("poolSize=1,2", "unknown parameter 'poolSize'")]
    [InlineData("warmPool", "'warmPool'")]
    public void Parse_BadToken_IsRefusedWithAMessageNamingIt(string text, string named)
    {
        var sweep = PlanSweep.Parse(text, Group, out var problems);

        Assert.Null(sweep);
        Assert.Contains(problems, p => p.Contains(named, StringComparison.Ordinal) && p.StartsWith("--sweep", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SeveralBadTokens_ReportsEveryOne()
    {
        PlanSweep.Parse("warmPool=x,1,y", Group, out var problems);

        Assert.Equal(2, problems.Count);
    }
}
