using FastScale.Engine.Cloud;
using FastScale.Engine.Policy;
using FastScale.Plan;
using FastScale.Serve;
using FastScale.Simulation.LatencyModel;

namespace FastScale.Tests.Plan;

public sealed class PlanSweepTests
{
    private static readonly ScalePolicy Policy = EmbeddedPolicy.Load().Policy!;
    private static readonly NodeGroupPolicy Group = Policy.NodeGroups[0];
    private static readonly LatencyProfile Profile = LatencyProfileLoader.LoadEmbedded().GetOrThrow();

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

    [Fact]
    public void Parse_ProvisioningPerSecond_ChangesOnlyACopyOfTheProfileAndNotThePolicy()
    {
        var sweep = PlanSweep.Parse("provisioningPerSecond=10,2.5", Group, out var problems)!;

        Assert.Empty(problems);
        Assert.Equal(PlanSweep.ProvisioningPerSecond, sweep.Parameter);
        Assert.Equal([10.0, 2.5], sweep.Values.Select(v => v.Number));
        Assert.Equal(2.5, sweep.Values[1].ApplyProfile(Profile).ProvisioningPerSecond);
        Assert.NotEqual(2.5, Profile.ProvisioningPerSecond);
        Assert.Same(Policy, sweep.Values[1].Apply(Policy));
    }

    [Theory]
    [InlineData("coldProvisioning")]
    [InlineData("startProvisioning")]
    [InlineData("registration")]
    [InlineData("readiness")]
    public void Parse_PhaseFactor_ScalesMedianAndP90OfThatPhaseOnly(string parameter)
    {
        var sweep = PlanSweep.Parse($"{parameter}=x0.5,x2", Group, out var problems)!;

        Assert.Empty(problems);
        Assert.Equal(["x0.5", "x2"], sweep.Values.Select(v => v.Label));
        Assert.Equal([0.5, 2.0], sweep.Values.Select(v => v.Number));
        var changed = sweep.Values[1].ApplyProfile(Profile);
        var phases = new Dictionary<string, Func<LatencyProfile, PhaseDistribution>>
        {
            ["coldProvisioning"] = l => l.ColdProvisioning,
            ["startProvisioning"] = l => l.StartProvisioning,
            ["registration"] = l => l.Registration,
            ["readiness"] = l => l.Readiness,
        };
        foreach (var (name, phase) in phases)
        {
            var factor = name == parameter ? 2 : 1;
            Assert.Equal(phase(Profile).Median * factor, phase(changed).Median);
            Assert.Equal(phase(Profile).P90 * factor, phase(changed).P90);
        }

        Assert.Equal(Profile.ProvisioningPerSecond, changed.ProvisioningPerSecond);
    }

    [Fact]
    public void Parse_PolicyParameter_LeavesTheProfileAlone()
    {
        var sweep = PlanSweep.Parse("qps=5", Group, out _)!;

        Assert.Same(Profile, sweep.Values[0].ApplyProfile(Profile));
    }

    [Theory]
    [InlineData("provisioningPerSecond=10,0", "'0'")]
    [InlineData("provisioningPerSecond=-5", "'-5'")]
    [InlineData("provisioningPerSecond=fast", "'fast'")]
    [InlineData("coldProvisioning=x0.5,2", "'2'")]
    [InlineData("startProvisioning=x0", "'x0'")]
    [InlineData("registration=x-1", "'x-1'")]
    [InlineData("readiness=x", "'x'")]
    [InlineData("readiness=xslow", "'xslow'")]
    [InlineData("registration=x1,x1", "'x1' is given more than once")]
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
    [InlineData("startsWaitInCreateQueue=false,yes", "'yes'")]
    [InlineData("essCallSeconds=0.1,-1", "'-1'")]
    [InlineData("activityStartSeconds=soon", "'soon'")]
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
