using FastScale.Engine.Demand;
using FastScale.Engine.Policy;
using static FastScale.Engine.Tests.Demand.DemandFixtures;

namespace FastScale.Engine.Tests.Demand;

public sealed class PlacementRulesTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["zone"] = "h", ["cores"] = "8", ["ssd"] = "" };

    [Theory]
    [InlineData("zone", NodeSelectorOperator.In, "h,i", true)]
    [InlineData("zone", NodeSelectorOperator.In, "i", false)]
    [InlineData("zone", NodeSelectorOperator.NotIn, "i", true)]
    [InlineData("zone", NodeSelectorOperator.NotIn, "h", false)]
    [InlineData("absent", NodeSelectorOperator.NotIn, "h", true)]
    [InlineData("ssd", NodeSelectorOperator.Exists, "", true)]
    [InlineData("absent", NodeSelectorOperator.Exists, "", false)]
    [InlineData("absent", NodeSelectorOperator.DoesNotExist, "", true)]
    [InlineData("zone", NodeSelectorOperator.DoesNotExist, "", false)]
    [InlineData("cores", NodeSelectorOperator.Gt, "4", true)]
    [InlineData("cores", NodeSelectorOperator.Gt, "8", false)]
    [InlineData("cores", NodeSelectorOperator.Lt, "16", true)]
    [InlineData("zone", NodeSelectorOperator.Gt, "1", false)]
    [InlineData("absent", NodeSelectorOperator.Lt, "1", false)]
    public void MatchesAffinity_EachOperator(string key, NodeSelectorOperator op, string values, bool expected)
    {
        var term = new NodeSelectorTerm([new NodeSelectorRequirement(key, op, values.Length == 0 ? [] : values.Split(','))]);

        Assert.Equal(expected, PlacementRules.MatchesAffinity(Pod("p", affinity: [term]), Labels));
    }

    [Fact]
    public void MatchesAffinity_TermsAreOred_RequirementsAnded()
    {
        var impossible = new NodeSelectorTerm([
            new NodeSelectorRequirement("zone", NodeSelectorOperator.In, ["h"]),
            new NodeSelectorRequirement("cores", NodeSelectorOperator.Lt, ["2"])]);
        var possible = new NodeSelectorTerm([new NodeSelectorRequirement("ssd", NodeSelectorOperator.Exists, [])]);

        Assert.False(PlacementRules.MatchesAffinity(Pod("p", affinity: [impossible]), Labels));
        Assert.True(PlacementRules.MatchesAffinity(Pod("p", affinity: [impossible, possible]), Labels));
    }

    [Fact]
    public void MatchesAffinity_EmptyTermMatchesNothing()
    {
        Assert.False(PlacementRules.MatchesAffinity(Pod("p", affinity: [new NodeSelectorTerm([])]), Labels));
    }

    [Theory]
    [InlineData("gpu", TolerationOperator.Equal, "a10", "NoSchedule", true)]
    [InlineData("gpu", TolerationOperator.Equal, "l20", "NoSchedule", false)]
    [InlineData("gpu", TolerationOperator.Exists, "", "", true)]
    [InlineData("gpu", TolerationOperator.Exists, "", "NoExecute", false)]
    [InlineData("", TolerationOperator.Exists, "", "", true)]
    [InlineData("", TolerationOperator.Equal, "", "", false)]
    [InlineData("other", TolerationOperator.Exists, "", "", false)]
    public void Tolerates_FollowsKubernetesRules(string key, TolerationOperator op, string value, string effect, bool expected)
    {
        var taint = new TaintPolicy { Key = "gpu", Value = "a10", Effect = "NoSchedule" };

        Assert.Equal(expected, PlacementRules.Tolerates(new PodToleration(key, op, value, effect), taint));
    }
}
