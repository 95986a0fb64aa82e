using System.Text.Json;
using FastScale.Engine.Policy;

namespace FastScale.Engine.Tests.Reload;

/// <summary>Edited copies of a policy, as a reloaded file would give: a new object graph, never the one in force.</summary>
internal static class Policies
{
    public static ScalePolicy Copy(ScalePolicy policy) =>
        JsonSerializer.Deserialize<ScalePolicy>(JsonSerializer.Serialize(policy))!;

    public static ScalePolicy With(ScalePolicy policy, Action<ScalePolicy> change)
    {
        var copy = Copy(policy);
        change(copy);
        return copy;
    }

    public static ScalePolicy WithGroup(ScalePolicy policy, string id, Action<NodeGroupPolicy> change) =>
        With(policy, p => change(p.NodeGroups.Single(g => g.Id == id)));

    public static ScalePolicy TwoGroups() => new()
    {
        ClusterId = "test",
        Region = "cn-hangzhou",
        NodeGroups = [TestPolicies.Group("g1"), TestPolicies.Group("g2")],
    };
}
