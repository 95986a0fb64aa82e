namespace FastScale.Ecs.Actions;

/// <summary>
/// A DescribeInstances filter. <see cref="Client.EcsClient.DescribeInstancesPageAsync"/> sends it as one request (at most
/// 100 ids); <see cref="Client.EcsClient.DescribeInstancesAsync"/> sends the ids in batches of 100 and follows NextToken
/// through every page, so its caller gets the whole answer at once.
/// </summary>
public sealed class DescribeInstancesRequest
{
    public const int MaxIdsPerCall = 100;

    /// <summary>Empty means "any instance matching the other filters".</summary>
    public IReadOnlyList<string> InstanceIds { get; init; } = [];

    /// <summary>Every tag must match (ECS combines tag filters with AND). At most 20.</summary>
    public IReadOnlyList<EcsTag> Tags { get; init; } = [];

    /// <summary>Optional status filter: Pending, Starting, Running, Stopping, Stopped.</summary>
    public string? Status { get; init; }
}
