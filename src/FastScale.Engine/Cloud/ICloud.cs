namespace FastScale.Engine.Cloud;

/// <summary>
/// What the engine needs from a cloud. Implemented by the ECS client (real Alibaba Cloud or the emulator) and by
/// <see cref="InMemory.InMemoryCloud"/>. Expected failures come back as <see cref="CloudError"/> values, never exceptions;
/// an exception means a bug or cancellation. Calls are not paced here: callers go through the launcher's API budget.
/// </summary>
public interface ICloud
{
    /// <summary>
    /// Creates up to <see cref="LaunchRequest.Amount"/> instances (at most 100). A repeated call with the same
    /// <see cref="LaunchRequest.ClientToken"/> and parameters returns the first call's instances and creates nothing new.
    /// With <see cref="LaunchRequest.MinAmount"/> below Amount, a partial stock still yields instances (fewer ids than asked).
    /// </summary>
    Task<CloudResult<IReadOnlyList<string>>> LaunchAsync(LaunchRequest request, CancellationToken cancellationToken);

    /// <summary>Every instance tagged as owned by FastScale for <paramref name="clusterId"/>.</summary>
    Task<CloudResult<IReadOnlyList<CloudInstance>>> ListInstancesAsync(string clusterId, CancellationToken cancellationToken);

    /// <summary>
    /// The named instances (1–100) as the cloud sees them now. An id missing from the answer is not known to the cloud:
    /// released, or (right after RunInstances, since ECS reads are eventually consistent) not visible yet.
    /// </summary>
    Task<CloudResult<IReadOnlyList<CloudInstance>>> DescribeInstancesAsync(IReadOnlyList<string> instanceIds, CancellationToken cancellationToken);

    /// <summary>Starts stopped instances (1–100). The call as a whole can fail; otherwise each instance has its own outcome.</summary>
    Task<CloudResult<IReadOnlyList<CloudInstanceChange>>> StartInstancesAsync(IReadOnlyList<string> instanceIds, CancellationToken cancellationToken);

    /// <summary>
    /// Stops running instances (1–100). <paramref name="economical"/> stops compute billing (ECS StoppedMode=StopCharging)
    /// at the risk that a later start finds no stock; otherwise the instance keeps its resources and its charges.
    /// </summary>
    Task<CloudResult<IReadOnlyList<CloudInstanceChange>>> StopInstancesAsync(
        IReadOnlyList<string> instanceIds, bool economical, CancellationToken cancellationToken);

    /// <summary>Releases instances (at most 100), running or not. Instances already gone count as deleted.</summary>
    Task<CloudResult<bool>> DeleteInstancesAsync(IReadOnlyList<string> instanceIds, CancellationToken cancellationToken);
}
