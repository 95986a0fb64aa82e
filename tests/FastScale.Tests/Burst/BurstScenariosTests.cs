using FastScale.Burst;
using FastScale.Serve;

namespace FastScale.Tests.Burst;

public sealed class BurstScenariosTests
{
    [Theory]
    [InlineData("cold-1000", null, "cold-1000", true, 1000)]
    [InlineData("fastmode-100", null, "fastmode-100", false, 100)]
    [InlineData("cold-1000", 250, "cold-250", true, 250)]
    [InlineData("fastmode", 30, "fastmode-30", false, 30)]
    public void Find_KindAndCount_ParsesTheScenario(string name, int? nodes, string expectedName, bool increaseSize, int expectedNodes)
    {
        var scenario = BurstScenarios.Find(name, nodes, out var problem);

        Assert.Null(problem);
        var demand = increaseSize ? BurstDemand.IncreaseSize : BurstDemand.PendingPods;
        Assert.Equal(new BurstScenario(expectedName, demand, expectedNodes), scenario);
    }

    [Theory]
    [InlineData("throttled-100", "Throttled")]
    [InlineData("stockout-1000", "StockOut")]
    [InlineData("notonsale-1000", "NotOnSale")]
    [InlineData("ipexhausted-1000", "IpExhausted")]
    [InlineData("warm-100", "Warm")]
    [InlineData("flaky-100", "Flaky")]
    [InlineData("cold-100", "None")]
    public void Find_ConditionKind_SetsTheCondition(string name, string condition)
    {
        var scenario = BurstScenarios.Find(name, null, out var problem);

        Assert.Null(problem);
        Assert.Equal(name, scenario!.Name);
        Assert.Equal(condition, scenario.Condition.ToString());
    }

    [Theory]
    [InlineData("hot-1000", null, "unknown scenario")]
    [InlineData("cold", null, "names no node count")]
    [InlineData("cold-0", null, "at least 1")]
    [InlineData("cold-x", null, "names no node count")]
    public void Find_BadName_SaysWhy(string name, int? nodes, string reason)
    {
        Assert.Null(BurstScenarios.Find(name, nodes, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_OfferCold3000()
    {
        Assert.Contains("cold-3000", BurstScenarios.Names);
        Assert.Equal(3000, BurstScenarios.Find("cold-3000", null, out _)!.Nodes);
    }

    [Fact]
    public void PolicyFor_BurstBeyondTheGroupsMax_RaisesThatGroupsMaxInACopyOnly()
    {
        var policy = EmbeddedPolicy.Load().Policy!;
        var scenario = BurstScenarios.Find("cold-3000", null, out _)!;
        var maxBefore = policy.NodeGroups.Single(g => g.Id == scenario.GroupId).MaxSize;
        Assert.True(maxBefore < 3000, $"the sample group's max is already {maxBefore}");

        var changed = BurstConditions.PolicyFor(scenario, policy);

        var group = changed.NodeGroups.Single(g => g.Id == scenario.GroupId);
        Assert.Equal(3000, group.MaxSize);
        Assert.Equal(0, group.WarmPool.Size);
        Assert.Same(policy.NodeGroups.Single(g => g.Id == scenario.GroupId).Repair, group.Repair);
        Assert.Equal(maxBefore, policy.NodeGroups.Single(g => g.Id == scenario.GroupId).MaxSize);
        Assert.Same(policy, BurstConditions.PolicyFor(BurstScenarios.Find("cold-100", null, out _)!, policy));
    }
}
