using FastScale.Engine.Cloud;

namespace FastScale.Engine.Launch;

/// <summary>
/// What became of a batch: the instances the cloud created, and how many slots could not be filled with the error
/// to report for them (<see cref="FailedCount"/> is 0 and <see cref="FailureError"/> null when the batch was filled).
/// </summary>
public sealed record LaunchOutcome(IReadOnlyList<string> InstanceIds, int FailedCount, CloudError? FailureError)
{
    /// <summary>What each created instance was launched with (by instance id), as the launcher asked for it; empty when unknown.</summary>
    public IReadOnlyDictionary<string, InstanceOrigin> Origins { get; init; } = new Dictionary<string, InstanceOrigin>(StringComparer.Ordinal);
}
