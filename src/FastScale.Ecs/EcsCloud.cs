using System.Globalization;
using FastScale.Ecs.Actions;
using FastScale.Ecs.Client;
using FastScale.Engine.Cloud;

namespace FastScale.Ecs;

/// <summary>
/// The engine's cloud on ECS. Ownership lives in tags (cluster, node group, managed-by), so the inventory can be
/// rebuilt from ECS alone after a restart. Each method is one ECS request: listing answers one page of DescribeInstances
/// a call, and the engine's paced cloud follows NextToken, so every page is paced and counted.
/// </summary>
public sealed class EcsCloud(EcsClient client, TimeProvider time) : ICloud
{
    public EcsClient Client => client;

    public async Task<CloudResult<IReadOnlyList<string>>> LaunchAsync(LaunchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await client.RunInstancesAsync(
            new RunInstancesRequest
            {
                Amount = request.Amount,
                MinAmount = request.MinAmount > 0 ? request.MinAmount : null,
                ClientToken = request.ClientToken,
                ImageId = request.ImageId,
                InstanceType = request.InstanceType,
                ZoneId = string.IsNullOrEmpty(request.ZoneId) ? null : request.ZoneId,
                VSwitchId = request.VSwitchId,
                SecurityGroupId = request.SecurityGroupId,
                Tags =
                [
                    new(CloudTags.Cluster, request.ClusterId),
                    new(CloudTags.NodeGroup, request.GroupId),
                    new(CloudTags.ManagedBy, CloudTags.ManagedByValue),
                    new(CloudTags.LaunchBatch, request.LaunchBatch.ToString(CultureInfo.InvariantCulture)),
                    .. request.WarmPool ? [new EcsTag(CloudTags.WarmPool, CloudTags.WarmPoolValue)] : Array.Empty<EcsTag>(),
                    .. request.TemplateHash is { } hash ? [new EcsTag(CloudTags.TemplateHash, hash)] : Array.Empty<EcsTag>(),
                ],
            },
            cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? CloudResult<IReadOnlyList<string>>.Ok(result.Value!.InstanceIds) : result.Error!;
    }

    /// <remarks>
    /// An instance carrying our cluster tag but no node-group tag comes back with an empty <see cref="CloudInstance.GroupId"/>,
    /// so the engine sees it (and can report it) rather than it leaking silently.
    /// </remarks>
    public async Task<CloudResult<CloudInstancePage>> ListInstancesPageAsync(
        string clusterId, string? nextToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        var result = await client.DescribeInstancesPageAsync(
            new DescribeInstancesRequest
            {
                Tags = [new(CloudTags.Cluster, clusterId), new(CloudTags.ManagedBy, CloudTags.ManagedByValue)],
            },
            nextToken,
            cancellationToken).ConfigureAwait(false);
        return result.IsSuccess
            ? CloudResult<CloudInstancePage>.Ok(new CloudInstancePage(ToCloudInstances(result.Value!.Instances), result.Value.NextToken))
            : result.Error!;
    }

    /// <summary>
    /// The named instances (1–100) in one DescribeInstances, asked with MaxResults 100 so the answer is never cut into
    /// pages; ids ECS does not know are simply absent from the answer.
    /// </summary>
    public async Task<CloudResult<IReadOnlyList<CloudInstance>>> DescribeInstancesAsync(
        IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        if (instanceIds.Count is 0 or > DescribeInstancesRequest.MaxIdsPerCall)
        {
            return new CloudError(CloudErrorKind.InvalidRequest, "InvalidParameter.InstanceIds",
                $"between 1 and {DescribeInstancesRequest.MaxIdsPerCall} instance ids per call, got {instanceIds.Count}");
        }

        // No page follows: at most 100 ids with MaxResults 100 fit in one answer, so a NextToken can only name an empty page.
        var result = await client.DescribeInstancesPageAsync(new DescribeInstancesRequest { InstanceIds = instanceIds }, null, cancellationToken)
            .ConfigureAwait(false);
        return result.IsSuccess ? CloudResult<IReadOnlyList<CloudInstance>>.Ok(ToCloudInstances(result.Value!.Instances)) : result.Error!;
    }

    /// <summary>
    /// Force-releases the instances in one DeleteInstances. ECS refuses the whole batch when one id is unknown
    /// (<c>InvalidInstanceId.NotFound</c>); that answer is flagged <see cref="CloudError.UnknownInstance"/>, and the
    /// engine's paced cloud deletes the ones still present, each request under its own permit.
    /// </summary>
    public async Task<CloudResult<bool>> DeleteInstancesAsync(IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        if (instanceIds.Count == 0)
        {
            return CloudResult<bool>.Ok(true);
        }

        var result = await client.DeleteInstancesAsync(instanceIds, force: true, clientToken: null, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? CloudResult<bool>.Ok(true) : result.Error! with { UnknownInstance = IsInstanceGone(result.Error!) };
    }

    /// <summary>Starts stopped instances (1–100), e.g. from a warm pool.</summary>
    public async Task<CloudResult<IReadOnlyList<CloudInstanceChange>>> StartInstancesAsync(
        IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        var result = await client.StartInstancesAsync(instanceIds, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? CloudResult<IReadOnlyList<CloudInstanceChange>>.Ok(ToChanges(result.Value!)) : result.Error!;
    }

    /// <summary>Stops instances (1–100) gracefully; economical means StoppedMode=StopCharging, otherwise KeepCharging.</summary>
    public async Task<CloudResult<IReadOnlyList<CloudInstanceChange>>> StopInstancesAsync(
        IReadOnlyList<string> instanceIds, bool economical, CancellationToken cancellationToken)
    {
        var mode = economical ? EcsStoppedMode.StopCharging : EcsStoppedMode.KeepCharging;
        var result = await client.StopInstancesAsync(instanceIds, mode, forceStop: false, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? CloudResult<IReadOnlyList<CloudInstanceChange>>.Ok(ToChanges(result.Value!)) : result.Error!;
    }

    /// <summary>ECS answers "200" per instance that succeeded; any other code is that instance's own error.</summary>
    internal static List<CloudInstanceChange> ToChanges(IReadOnlyList<InstanceStateChange> changes) =>
        changes
            .Select(static change => change.Code is null or "200"
                ? new CloudInstanceChange(change.InstanceId)
                : new CloudInstanceChange(
                    change.InstanceId,
                    new CloudError(EcsErrorClassifier.Classify(400, change.Code), change.Code, change.Message ?? change.Code)))
            .ToList();

    private List<CloudInstance> ToCloudInstances(IReadOnlyList<EcsInstance> instances)
    {
        var now = time.GetUtcNow();
        return instances
            .Select(instance => new CloudInstance(
                instance.InstanceId,
                instance.Tags.GetValueOrDefault(CloudTags.NodeGroup, string.Empty),
                instance.InstanceType,
                instance.ZoneId,
                ParseStatus(instance.Status),
                // ECS always sends CreationTime; if a peer does not, "just now" keeps deadlines from firing early.
                instance.CreationTime ?? now,
                instance.Tags.TryGetValue(CloudTags.LaunchBatch, out var batch)
                    && long.TryParse(batch, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null,
                instance.Tags.GetValueOrDefault(CloudTags.WarmPool) == CloudTags.WarmPoolValue,
                ParseStoppedMode(instance.StoppedMode))
            {
                ImageId = string.IsNullOrEmpty(instance.ImageId) ? null : instance.ImageId,
                VSwitchId = instance.VSwitchId,
                SecurityGroupIds = instance.SecurityGroupIds,
                TemplateHash = instance.Tags.TryGetValue(CloudTags.TemplateHash, out var hash) && hash.Length > 0 ? hash : null,
            })
            .ToList();
    }

    internal static CloudStoppedMode ParseStoppedMode(string? mode) => mode switch
    {
        "StopCharging" => CloudStoppedMode.StopCharging,
        "KeepCharging" => CloudStoppedMode.KeepCharging,
        _ => CloudStoppedMode.NotApplicable,
    };

    internal static CloudInstanceStatus ParseStatus(string status) =>
        // Unknown words (none are documented today) read as Pending: still on its way, never counted as Ready capacity.
        Enum.TryParse<CloudInstanceStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : CloudInstanceStatus.Pending;

    private static bool IsInstanceGone(CloudError error) =>
        error.Kind == CloudErrorKind.NotFound && error.Code.StartsWith("InvalidInstanceId", StringComparison.Ordinal);
}
