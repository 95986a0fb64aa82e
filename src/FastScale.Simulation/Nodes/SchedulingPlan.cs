using FastScale.Kubernetes.Models;

namespace FastScale.Simulation.Nodes;

/// <summary>What one scheduling cycle decided: pods to bind (in order) and pods that fit nowhere, with kube-scheduler's message.</summary>
internal sealed record SchedulingPlan(
    IReadOnlyList<(Pod Pod, string NodeName)> Bindings,
    IReadOnlyList<(Pod Pod, string Message)> Unschedulable,
    int Pending);
