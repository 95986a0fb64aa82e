using FastScale.Kubernetes.Models;

namespace FastScale.Kubernetes.Tests.Adapters.Repair;

internal static class NodeObjects
{
    public static Node WithReady(string name, string status, DateTimeOffset since, string? providerId = null) =>
        WithConditions(name, new NodeCondition { Type = "Ready", Status = status, LastTransitionTime = since }) with
        {
            Spec = new NodeSpec { ProviderId = providerId },
        };

    public static Node WithConditions(string name, params NodeCondition[] conditions) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Status = new NodeStatus { Conditions = conditions },
    };
}
