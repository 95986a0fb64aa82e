namespace FastScale.Engine.Demand;

/// <summary>
/// Whether an instance's node can take pods yet. Between the cloud's "Running" and a Ready node lie the OS boot,
/// kubelet registration and readiness, and the scheduler's next pass: while that lasts, the pending pods the node is
/// meant for still look uncovered, and counting the instance as arrived would ask for the same capacity twice.
/// </summary>
public interface INodeReadiness
{
    /// <param name="providerId">The instance's providerID, <c>&lt;region&gt;.&lt;instance-id&gt;</c>.</param>
    bool CanTakePods(string providerId);
}
