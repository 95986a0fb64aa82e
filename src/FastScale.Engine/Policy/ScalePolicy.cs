using FastScale.Engine.Cloud;

namespace FastScale.Engine.Policy;

/// <summary>
/// The scale policy: what FastScale may launch, where, how fast, and how it keeps groups healthy.
/// Loaded from YAML by <see cref="PolicyLoader"/>, which reports every problem with file, line and column.
/// </summary>
public sealed class ScalePolicy
{
    /// <summary>Cluster id, written into every instance's tags so a restart finds its own instances.</summary>
    public string ClusterId { get; set; } = "";

    /// <summary>ECS region, e.g. cn-hangzhou. Also the prefix of every providerID (<c>&lt;region&gt;.&lt;instance-id&gt;</c>).</summary>
    public string Region { get; set; } = "";

    public ProviderSettings Provider { get; set; } = new();

    /// <summary>Token-bucket pacing per cloud action (the file names them as ECS does: RunInstances, StartInstances, …).</summary>
    public Dictionary<CloudAction, ActionPacing> Pacing { get; set; } = [];

    /// <summary>The pacing for <paramref name="action"/>: the policy's entry, else <see cref="PacingDefaults.For"/>.</summary>
    public ActionPacing PacingFor(CloudAction action) =>
        Pacing.TryGetValue(action, out var pacing) ? pacing : PacingDefaults.For(action);

    /// <summary>Node groups in preference order: when several can host a pod, the first wins.</summary>
    public List<NodeGroupPolicy> NodeGroups { get; set; } = [];
}
