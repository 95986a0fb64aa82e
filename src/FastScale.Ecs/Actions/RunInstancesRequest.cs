namespace FastScale.Ecs.Actions;

/// <summary>
/// RunInstances parameters. Either a launch template or ImageId + InstanceType (+ VSwitchId, SecurityGroupId) must
/// describe the instance; ECS itself is the judge of which combinations are complete.
/// </summary>
public sealed class RunInstancesRequest
{
    public const int MaxAmount = 100;
    public const int MaxTags = 20;
    public const int MaxClientTokenLength = 64;

    /// <summary>1–100.</summary>
    public int Amount { get; init; } = 1;

    /// <summary>With it, ECS succeeds when at least this many can be created; without it, all or nothing.</summary>
    public int? MinAmount { get; init; }

    /// <summary>ASCII, at most 64 characters: the same token and parameters return the first call's result.</summary>
    public string? ClientToken { get; init; }

    public string? ImageId { get; init; }

    public string? InstanceType { get; init; }

    public string? ZoneId { get; init; }

    public string? VSwitchId { get; init; }

    public string? SecurityGroupId { get; init; }

    /// <summary>Base64 of the raw user data (at most 32 KB raw).</summary>
    public string? UserData { get; init; }

    public string? LaunchTemplateId { get; init; }

    public long? LaunchTemplateVersion { get; init; }

    /// <summary>At most 20.</summary>
    public IReadOnlyList<EcsTag> Tags { get; init; } = [];
}
