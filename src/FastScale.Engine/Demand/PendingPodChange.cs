namespace FastScale.Engine.Demand;

public sealed record PendingPodChange(PendingPodChangeKind Kind, PendingPod Pod);
