using System.Text.Json;
using FastScale.Kubernetes.Models;

namespace FastScale.Simulation.Nodes;

/// <summary>
/// The patches that move a Node through its life (the Node itself is <see cref="KubeletNode"/>'s), built as typed
/// objects: our models leave nulls out, so each serialises to a JSON merge patch that touches only the fields set.
/// </summary>
internal static class NodeObjects
{
    private static readonly string[] PressureConditions = ["MemoryPressure", "DiskPressure", "PIDPressure"];

    /// <summary>The conditions of a Node just registered: no pressure, not Ready yet.</summary>
    public static List<NodeCondition> NotReadyConditions(DateTimeOffset now) =>
        Conditions("False", "KubeletNotReady", "container runtime network not ready: NetworkReady=false", now, now);

    public static byte[] ReadyStatusPatch(DateTimeOffset now) => ReadyHeartbeatPatch(now, now);

    /// <summary>The Ready status posted again: same conditions, transition times kept, heartbeat times now. Merge patch
    /// replaces the whole condition list, so every condition is sent.</summary>
    public static byte[] ReadyHeartbeatPatch(DateTimeOffset since, DateTimeOffset now) => StatusPatch(ReadyConditions(since, now));

    /// <summary>The conditions of a Ready node, Ready since <paramref name="since"/>, last heard from at <paramref name="now"/>.</summary>
    public static List<NodeCondition> ReadyConditions(DateTimeOffset since, DateTimeOffset now) =>
        Conditions("True", "KubeletReady", "kubelet is posting ready status", since, now);

    /// <summary>What the node lifecycle controller writes when a kubelet stops posting status.</summary>
    public static byte[] UnknownStatusPatch(DateTimeOffset now) => StatusPatch(UnknownConditions(now));

    /// <summary>The conditions the node lifecycle controller sets when a kubelet stops posting status.</summary>
    public static List<NodeCondition> UnknownConditions(DateTimeOffset now) =>
    [
        .. PressureConditions.Select(type => Condition(type, "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status.", now)),
        Condition("Ready", "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status.", now),
    ];

    /// <summary>Replaces the taint list, guarded by the version it was computed from (409 when someone changed it since).</summary>
    public static byte[] TaintsPatch(IReadOnlyList<Taint> taints, string? resourceVersion) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new Node { ApiVersion = null, Kind = null, Metadata = new ObjectMeta { ResourceVersion = resourceVersion }, Spec = new NodeSpec { Taints = taints } },
            KubernetesJsonContext.Default.Node);

    /// <summary>The node's taints with <paramref name="remove"/> gone and, when given, <paramref name="add"/> present once.</summary>
    public static List<Taint> ReplaceTaint(IReadOnlyList<Taint>? current, string remove, Taint? add)
    {
        var taints = (current ?? []).Where(t => t.Key != remove && (add is null || t.Key != add.Key || t.Effect != add.Effect)).ToList();
        if (add is not null)
        {
            taints.Add(add);
        }

        return taints;
    }

    public static bool IsReady(Node node) =>
        node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status == "True";

    private static byte[] StatusPatch(IReadOnlyList<NodeCondition> conditions) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new Node { ApiVersion = null, Kind = null, Status = new NodeStatus { Conditions = conditions } },
            KubernetesJsonContext.Default.Node);

    private static List<NodeCondition> Conditions(string ready, string reason, string message, DateTimeOffset since, DateTimeOffset now) =>
    [
        Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", since, now),
        Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", since, now),
        Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", since, now),
        Condition("Ready", ready, reason, message, since, now),
    ];

    private static NodeCondition Condition(string type, string status, string reason, string message, DateTimeOffset now) =>
        Condition(type, status, reason, message, now, now);

    private static NodeCondition Condition(string type, string status, string reason, string message, DateTimeOffset since, DateTimeOffset now) =>
        new() { Type = type, Status = status, Reason = reason, Message = message, LastTransitionTime = since, LastHeartbeatTime = now };
}
