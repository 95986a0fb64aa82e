using FastScale.Engine.Cloud;
using Microsoft.Extensions.Logging;

namespace FastScale.Engine.Launch;

/// <summary>
/// The cloud as the engine calls it. Every request the port makes takes a permit of its action from the account's
/// <see cref="CloudApiBudget"/>, at the caller's priority, and is counted in its <see cref="CloudApiMetrics"/>; a throttled
/// answer queues the request again (<see cref="CloudApiBudget.CallAsync{T}"/>). Callers say who they are, never which
/// action they spend, so none can pace a request under the wrong action or forget to pace it. An operation that needs
/// several requests (a listing of many pages, a delete that meets an instance already gone) is composed here from the
/// port's single requests, so each of them is paced and counted.
/// </summary>
public sealed class PacedCloud(ICloud cloud, CloudApiBudget budget, ILogger<PacedCloud> logger)
{
    /// <summary>Where every request is counted; the launcher adds its retries.</summary>
    public CloudApiMetrics Metrics => budget.Metrics;

    public Task<CloudResult<IReadOnlyList<string>>> LaunchAsync(LaunchRequest request, ApiPriority priority, CancellationToken cancellationToken) =>
        LaunchAsync(() => request, priority, cancellationToken);

    /// <summary>
    /// RunInstances with the request made only once the call holds its permit, so a batch still waiting may grow
    /// (<see cref="OpenLaunchBatch"/>). <paramref name="requestOnPermit"/> must return the same request every time it is
    /// called: a throttled answer sends it again.
    /// </summary>
    public Task<CloudResult<IReadOnlyList<string>>> LaunchAsync(
        Func<LaunchRequest> requestOnPermit, ApiPriority priority, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requestOnPermit);
        return budget.CallAsync(CloudAction.RunInstances, priority, ct => cloud.LaunchAsync(requestOnPermit(), ct), cancellationToken);
    }

    /// <summary>
    /// Every instance tagged as owned by FastScale for <paramref name="clusterId"/>: the port's pages one after another
    /// (ECS: a DescribeInstances by tag per 100 instances), each under a permit of its own at <paramref name="priority"/>,
    /// so a large fleet's listing spends the budget it really costs. A throttled page goes again alone, with the same
    /// token; any other failure fails the whole listing, so no caller mistakes part of the fleet for all of it.
    /// </summary>
    public async Task<CloudResult<IReadOnlyList<CloudInstance>>> ListInstancesAsync(
        string clusterId, ApiPriority priority, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        var instances = new Dictionary<string, CloudInstance>(StringComparer.Ordinal);
        var tokensSeen = new HashSet<string>(StringComparer.Ordinal);
        string? nextToken = null;
        do
        {
            var token = nextToken;
            var page = await budget.CallAsync(
                CloudAction.DescribeInstances, priority, ct => cloud.ListInstancesPageAsync(clusterId, token, ct), cancellationToken)
                .ConfigureAwait(false);
            if (!page.IsSuccess)
            {
                return page.Error!;
            }

            // By id: an instance a page boundary shows twice is one instance, as the later (fresher) page saw it.
            foreach (var instance in page.Value!.Instances)
            {
                instances[instance.InstanceId] = instance;
            }

            nextToken = string.IsNullOrEmpty(page.Value.NextToken) ? null : page.Value.NextToken;
            if (nextToken is not null && !tokensSeen.Add(nextToken))
            {
                // A cloud handing back a token it already gave would otherwise keep us paging, and spending, forever.
                return new CloudError(CloudErrorKind.Transient, "InvalidResponse", "DescribeInstances repeated a NextToken");
            }
        }
        while (nextToken is not null);

        return CloudResult<IReadOnlyList<CloudInstance>>.Ok(instances.Values.ToList());
    }

    public Task<CloudResult<IReadOnlyList<CloudInstance>>> DescribeInstancesAsync(
        IReadOnlyList<string> instanceIds, ApiPriority priority, CancellationToken cancellationToken) =>
        budget.CallAsync(CloudAction.DescribeInstances, priority, ct => cloud.DescribeInstancesAsync(instanceIds, ct), cancellationToken);

    public Task<CloudResult<IReadOnlyList<CloudInstanceChange>>> StartInstancesAsync(
        IReadOnlyList<string> instanceIds, ApiPriority priority, CancellationToken cancellationToken) =>
        budget.CallAsync(CloudAction.StartInstances, priority, ct => cloud.StartInstancesAsync(instanceIds, ct), cancellationToken);

    public Task<CloudResult<IReadOnlyList<CloudInstanceChange>>> StopInstancesAsync(
        IReadOnlyList<string> instanceIds, bool economical, ApiPriority priority, CancellationToken cancellationToken) =>
        budget.CallAsync(CloudAction.StopInstances, priority, ct => cloud.StopInstancesAsync(instanceIds, economical, ct), cancellationToken);

    /// <summary>
    /// Releases instances (at most 100), running or not; instances already gone count as deleted. A cloud that refuses
    /// the whole request because one of them is unknown (<see cref="CloudError.UnknownInstance"/>; ECS does) is asked
    /// which of them remain (DescribeInstances), and those are deleted again: up to three requests, each paced.
    /// </summary>
    public async Task<CloudResult<bool>> DeleteInstancesAsync(IReadOnlyList<string> instanceIds, ApiPriority priority, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        if (instanceIds.Count == 0)
        {
            return CloudResult<bool>.Ok(true);
        }

        var first = await DeleteOnceAsync(instanceIds, priority, cancellationToken).ConfigureAwait(false);
        if (first.IsSuccess || !first.Error!.UnknownInstance)
        {
            return first;
        }

        if (instanceIds.Count == 1)
        {
            return CloudResult<bool>.Ok(true);
        }

        var present = await DescribeInstancesAsync(instanceIds, priority, cancellationToken).ConfigureAwait(false);
        if (!present.IsSuccess)
        {
            return present.Error!;
        }

        // Only ids asked about: a cloud that answered more must not get other instances released.
        var asked = instanceIds.ToHashSet(StringComparer.Ordinal);
        var remaining = present.Value!.Select(static i => i.InstanceId).Where(asked.Contains).Distinct(StringComparer.Ordinal).ToList();
        Log.SomeAlreadyDeleted(logger, instanceIds.Count - remaining.Count, instanceIds.Count);
        if (remaining.Count == 0)
        {
            return CloudResult<bool>.Ok(true);
        }

        var second = await DeleteOnceAsync(remaining, priority, cancellationToken).ConfigureAwait(false);
        return second.IsSuccess || second.Error!.UnknownInstance ? CloudResult<bool>.Ok(true) : second;
    }

    private Task<CloudResult<bool>> DeleteOnceAsync(IReadOnlyList<string> instanceIds, ApiPriority priority, CancellationToken cancellationToken) =>
        budget.CallAsync(CloudAction.DeleteInstances, priority, ct => cloud.DeleteInstancesAsync(instanceIds, ct), cancellationToken);
}
