namespace FastScale.Engine.Cloud;

/// <summary>
/// What an instance was launched with, as far as it is known: from the launch request for instances this replica
/// created, from the cloud's description (and the template-hash tag) for instances found after a restart. Drift is
/// judged from it (<see cref="Rollout.DriftDetector"/>).
/// </summary>
/// <param name="TemplateHash">The <see cref="Rollout.NodeTemplateHash"/> it was launched with; null when unknown (no tag).</param>
/// <param name="ImageId">Null when unknown.</param>
/// <param name="VSwitchId">Null when unknown.</param>
/// <param name="SecurityGroupIds">Empty when unknown.</param>
public sealed record InstanceOrigin(
    string? TemplateHash, string? ImageId, string InstanceType, string ZoneId, string? VSwitchId, IReadOnlyList<string> SecurityGroupIds)
{
    private readonly IReadOnlyList<string> _securityGroupIds = EquatableList<string>.Of(SecurityGroupIds);

    /// <summary>Compared by value, so two origins read from the same facts are equal.</summary>
    public IReadOnlyList<string> SecurityGroupIds { get => _securityGroupIds; init => _securityGroupIds = EquatableList<string>.Of(value); }

    public static InstanceOrigin Of(CloudInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new(instance.TemplateHash, instance.ImageId, instance.InstanceType, instance.ZoneId, instance.VSwitchId, instance.SecurityGroupIds);
    }

    public static InstanceOrigin Of(LaunchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(request.TemplateHash, request.ImageId, request.InstanceType, request.ZoneId, request.VSwitchId, [request.SecurityGroupId]);
    }
}
