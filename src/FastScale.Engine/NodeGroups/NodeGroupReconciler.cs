using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FastScale.Engine.Cloud;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FastScale.Engine.NodeGroups;

/// <summary>
/// Brings the cloud in line with each group's target: rebuilds the groups from the cloud's tags at start-up, launches
/// the missing instances, releases the deleted ones, and reads instance states back while some are coming up.
/// </summary>
/// <remarks>
/// This is the simple, sequential reconciler of the foundation: one offering after another in preference order, no
/// pacing. The batched, paced launcher with warm pools replaces its launch step.
/// </remarks>
public sealed class NodeGroupReconciler(
    NodeGroupRegistry registry,
    ICloud cloud,
    ScaleSignal signal,
    ReconcilerOptions options,
    TimeProvider time,
    ILogger<NodeGroupReconciler> logger) : BackgroundService
{
    private readonly string _runId = Guid.NewGuid().ToString("N");
    private long _launchSequence;
    private long _failedSequence;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RecoverAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            await ReconcileOnceAsync(stoppingToken);
            await signal.WaitAsync(options.PollInterval, time, stoppingToken);
        }
    }

    /// <summary>Rebuilds every group from the instances the cloud holds for this cluster; retries until the cloud answers.</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var listed = await cloud.ListInstancesAsync(registry.Policy.ClusterId, cancellationToken);
            if (listed.IsSuccess)
            {
                foreach (var instance in listed.Value!)
                {
                    if (registry.Find(instance.GroupId) is not { } group)
                    {
                        Log.UnknownGroup(logger, instance.InstanceId, instance.GroupId);
                        continue;
                    }

                    group.Adopt(ToGroupInstance(instance.InstanceId, StateOf(instance.Status)));
                    registry.Index(instance.InstanceId, group);
                }

                registry.MarkRecovered();
                Log.Recovered(logger, listed.Value!.Count, registry.Policy.ClusterId);
                return;
            }

            Log.RecoveryFailed(logger, listed.Error!);
            await Task.Delay(options.RecoveryRetryInterval, time, cancellationToken);
        }
    }

    /// <summary>One pass: deletions first (they free quota), then launches, then a status read if anything is coming up.</summary>
    public async Task ReconcileOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var group in registry.Groups)
        {
            await ReleaseDeletedAsync(group, cancellationToken);
            await LaunchMissingAsync(group, cancellationToken);
        }

        if (registry.Groups.Any(g => g.Instances.Any(i => i.State == InstanceState.Creating && !i.IsFailedCreation)))
        {
            await RefreshStatesAsync(cancellationToken);
        }
    }

    private async Task LaunchMissingAsync(NodeGroup group, CancellationToken cancellationToken)
    {
        int reserved;
        while ((reserved = group.ReserveLaunch(LaunchRequest.MaxAmount)) > 0)
        {
            var created = new List<GroupInstance>(reserved);
            CloudError? lastError = null;
            var retryLater = false;
            foreach (var (instanceType, zone) in Offerings(group))
            {
                var request = new LaunchRequest(
                    registry.Policy.ClusterId, group.Id, NextClientToken(group.Id), group.Policy.ImageId, instanceType,
                    zone.ZoneId, zone.VSwitchId, group.Policy.SecurityGroupId, reserved, MinAmount: 1);
                var result = await cloud.LaunchAsync(request, cancellationToken);
                if (result.IsSuccess)
                {
                    foreach (var id in result.Value!)
                    {
                        registry.Index(id, group);
                        created.Add(ToGroupInstance(id, InstanceState.Creating));
                    }

                    Log.Launched(logger, group.Id, result.Value!.Count, instanceType, zone.ZoneId, group.TargetSize);
                    break;
                }

                lastError = result.Error!;
                if (lastError.Kind == CloudErrorKind.OutOfStock)
                {
                    Log.OfferingRefused(logger, group.Id, instanceType, zone.ZoneId, lastError);
                    continue;
                }

                retryLater = lastError.Kind is CloudErrorKind.Throttled or CloudErrorKind.Transient;
                break;
            }

            if (created.Count == 0 && lastError is not null)
            {
                if (retryLater)
                {
                    Log.LaunchRetry(logger, group.Id, reserved, lastError);
                    group.CompleteLaunch(reserved, []);
                    return;
                }

                Log.LaunchFailed(logger, group.Id, reserved, lastError);
                created.AddRange(FailedCreations(group, reserved, lastError));
            }

            group.CompleteLaunch(reserved, created);
        }
    }

    private IEnumerable<GroupInstance> FailedCreations(NodeGroup group, int count, CloudError error)
    {
        var errorClass = error.Kind is CloudErrorKind.OutOfStock or CloudErrorKind.QuotaExceeded
            ? InstanceErrorClass.OutOfResources
            : InstanceErrorClass.Other;
        for (var i = 0; i < count; i++)
        {
            var placeholder = $"fastscale-failed-{group.Id}-{Interlocked.Increment(ref _failedSequence).ToString(CultureInfo.InvariantCulture)}";
            registry.Index(placeholder, group);
            yield return new GroupInstance(placeholder, placeholder, InstanceState.Creating, new InstanceError(errorClass, error.Code, error.Message));
        }
    }

    private async Task ReleaseDeletedAsync(NodeGroup group, CancellationToken cancellationToken)
    {
        var doomed = group.Instances.Where(i => i.State == InstanceState.Deleting).Select(i => i.InstanceId).ToList();
        foreach (var batch in doomed.Chunk(LaunchRequest.MaxAmount))
        {
            var result = await cloud.DeleteInstancesAsync(batch, cancellationToken);
            if (!result.IsSuccess && result.Error!.Kind != CloudErrorKind.NotFound)
            {
                Log.DeleteRetry(logger, group.Id, batch.Length, result.Error);
                return;
            }

            group.Forget(batch);
            foreach (var id in batch)
            {
                registry.Unindex(id);
            }

            Log.Deleted(logger, group.Id, batch.Length);
        }
    }

    private async Task RefreshStatesAsync(CancellationToken cancellationToken)
    {
        var listed = await cloud.ListInstancesAsync(registry.Policy.ClusterId, cancellationToken);
        if (!listed.IsSuccess)
        {
            return;
        }

        foreach (var instance in listed.Value!)
        {
            registry.Find(instance.GroupId)?.SetState(instance.InstanceId, StateOf(instance.Status));
        }
    }

    private static IEnumerable<(string InstanceType, Policy.ZonePolicy Zone)> Offerings(NodeGroup nodeGroup) =>
        nodeGroup.Policy.InstanceTypes.SelectMany(_ => nodeGroup.Policy.Zones, (instanceType, zone) => (instanceType, zone));

    private GroupInstance ToGroupInstance(string instanceId, InstanceState state) =>
        new(instanceId, ProviderIds.Format(registry.Policy.Region, instanceId), state);

    private static InstanceState StateOf(CloudInstanceStatus status) =>
        status == CloudInstanceStatus.Running ? InstanceState.Running : InstanceState.Creating;

    /// <summary>ECS accepts ASCII tokens up to 64 characters; a hash keeps long cluster and group ids within that.</summary>
    private string NextClientToken(string groupId)
    {
        var seed = $"{registry.Policy.ClusterId}/{groupId}/{_runId}/{Interlocked.Increment(ref _launchSequence)}";
        return "fs-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..40];
    }
}
