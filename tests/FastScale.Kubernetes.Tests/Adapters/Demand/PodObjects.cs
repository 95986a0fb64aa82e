using FastScale.Kubernetes.Models;

namespace FastScale.Kubernetes.Tests.Adapters.Demand;

/// <summary>Pods as the API server stores them, for the mapper tests.</summary>
internal static class PodObjects
{
    public static readonly DateTimeOffset Since = new(2026, 1, 1, 0, 0, 5, TimeSpan.Zero);

    public static Pod Unschedulable(string name = "web-1", PodSpec? spec = null, string uid = "uid-1") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "shop", Uid = uid, CreationTimestamp = Since.AddSeconds(-1) },
        Spec = spec ?? new PodSpec { Containers = [Container("500m", "256Mi")] },
        Status = new PodStatus
        {
            Phase = "Pending",
            Conditions = [new PodCondition { Type = "PodScheduled", Status = "False", Reason = "Unschedulable", LastTransitionTime = Since }],
        },
    };

    public static Container Container(string? cpu = null, string? memory = null, IReadOnlyDictionary<string, string>? more = null)
    {
        var requests = new Dictionary<string, string>();
        if (cpu is not null)
        {
            requests["cpu"] = cpu;
        }

        if (memory is not null)
        {
            requests["memory"] = memory;
        }

        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            requests[key] = value;
        }

        return new Container { Name = "c", Resources = new ResourceRequirements { Requests = requests } };
    }
}
