namespace FastScale.Engine.Cloud;

/// <summary>
/// What the engine needs from a cloud. Implemented by the ECS client (real Alibaba Cloud or the emulator) and by
/// <see cref="InMemory.InMemoryCloud"/>. Expected failures come back as <see cref="CloudError"/> values, never exceptions;
/// an exception means a bug or cancellation.
/// </summary>
public interface ICloud
{
    /// <summary>
    /// Creates up to <see cref="LaunchRequest.Amount"/> instances (at most 100). A repeated call with the same
    /// <see cref="LaunchRequest.ClientToken"/> and parameters returns the first call's instances and creates nothing new.
    /// </summary>
    Task<CloudResult<IReadOnlyList<string>>> LaunchAsync(LaunchRequest request, CancellationToken cancellationToken);

    /// <summary>Every instance tagged as owned by FastScale for <paramref name="clusterId"/>.</summary>
    Task<CloudResult<IReadOnlyList<CloudInstance>>> ListInstancesAsync(string clusterId, CancellationToken cancellationToken);

    /// <summary>Releases instances (at most 100), running or not. Instances already gone count as deleted.</summary>
    Task<CloudResult<bool>> DeleteInstancesAsync(IReadOnlyList<string> instanceIds, CancellationToken cancellationToken);
}
