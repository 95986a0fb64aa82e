namespace FastScale.Engine.Demand;

/// <summary>A pod no group can host now, and why, in words an operator can act on ("requests 64 cpu, largest allocatable is 7.9").</summary>
public sealed record UnplacedPod(PendingPod Pod, UnplacedReason Kind, string Reason);
