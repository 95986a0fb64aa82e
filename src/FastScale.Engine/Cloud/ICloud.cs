namespace FastScale.Engine.Cloud;

/// <summary>
/// What the engine needs from a cloud: the port the ECS adapter (real Alibaba Cloud or the emulator) and the tests' fake
/// implement. Expected failures come back as <see cref="CloudError"/> values, never exceptions; an exception means a bug
/// or cancellation. Each method is one request of one <see cref="CloudAction"/>, so that the engine, which calls the
/// port only through <see cref="Launch.PacedCloud"/>, paces and counts every request the cloud sees; operations made
/// of several requests are composed there, not here. Listing is one of them: the port answers one page a call
/// (<see cref="ListInstancesPageAsync"/>), and the paced cloud walks the pages, each under its own permit.
/// </summary>
public interface ICloud
{
    /// <summary>
    /// Creates up to <see cref="LaunchRequest.Amount"/> instances (at most 100). A repeated call with the same
    /// <see cref="LaunchRequest.ClientToken"/> and parameters returns the first call's instances and creates nothing new.
    /// With <see cref="LaunchRequest.MinAmount"/> below Amount, a partial stock still yields instances (fewer ids than asked).
    /// </summary>
    Task<CloudResult<IReadOnlyList<string>>> LaunchAsync(LaunchRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the instances tagged as owned by FastScale for <paramref name="clusterId"/> (one DescribeInstances by
    /// tag): the first with <paramref name="nextToken"/> null, then each following one with the token the previous page
    /// answered, until a page answers none. The cloud picks the page size (ECS: up to 100).
    /// </summary>
    Task<CloudResult<CloudInstancePage>> ListInstancesPageAsync(string clusterId, string? nextToken, CancellationToken cancellationToken);

    /// <summary>
    /// The named instances (1–100) as the cloud sees them now, in one request whatever their number (the answer is never
    /// cut into pages). An id missing from the answer is not known to the cloud: released, or (right after RunInstances,
    /// since ECS reads are eventually consistent) not visible yet.
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

    /// <summary>
    /// Releases instances (1–100), running or not, in one request. A cloud may refuse the whole request when one of them
    /// is unknown (ECS does); it answers then with <see cref="CloudError.UnknownInstance"/> set, and the caller finds out
    /// which remain. A cloud that skips unknown instances answers success.
    /// </summary>
    Task<CloudResult<bool>> DeleteInstancesAsync(IReadOnlyList<string> instanceIds, CancellationToken cancellationToken);
}
