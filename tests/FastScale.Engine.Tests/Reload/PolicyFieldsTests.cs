using FastScale.Engine.Policy;
using FastScale.Engine.Reload;

namespace FastScale.Engine.Tests.Reload;

public sealed class PolicyFieldsTests
{
    [Fact]
    public void EveryScalePolicyProperty_IsClassifiedForReload() =>
        AssertClassified<ScalePolicy>(PolicyFields.Cluster.Select(f => f.Name));

    /// <summary>Fails when a field (say <c>rollout</c>) is added to the group policy without its line in <see cref="PolicyFields.Group"/>.</summary>
    [Fact]
    public void EveryNodeGroupPolicyProperty_IsClassifiedForReload() =>
        AssertClassified<NodeGroupPolicy>(PolicyFields.Group.Select(f => f.Name));

    [Fact]
    public void IdentityAndProviderSettings_NeedARestart_EveryGroupFieldDoesNot()
    {
        Assert.Equal(["clusterId", "region", "provider"], PolicyFields.Cluster.Where(f => f.Scope == ReloadScope.Restart).Select(f => f.Name));
        Assert.All(PolicyFields.Group, f => Assert.Equal(ReloadScope.Runtime, f.Scope));
    }

    private static void AssertClassified<T>(IEnumerable<string> names)
    {
        var listed = names.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = typeof(T).GetProperties()
            .Select(p => p.Name)
            .Where(name => !listed.Contains(name) && !PolicyFields.Structural.Contains(name))
            .ToList();
        Assert.True(missing.Count == 0, $"{typeof(T).Name} properties with no reload rule in PolicyFields: {string.Join(", ", missing)}");
    }
}
