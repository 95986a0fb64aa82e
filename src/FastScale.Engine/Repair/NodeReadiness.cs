namespace FastScale.Engine.Repair;

/// <summary>A node's Ready condition: True, False, or Unknown (the node controller stopped hearing from the kubelet).</summary>
public enum NodeReadiness
{
    Ready,
    NotReady,
    Unknown,
}
