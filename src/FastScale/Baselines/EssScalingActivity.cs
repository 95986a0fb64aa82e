using System.Globalization;
using FastScale.Engine.Cloud;
using FastScale.Engine.Policy;

namespace FastScale.Baselines;

/// <summary>
/// One ESS scale-out activity as the upstream baseline models it: the whole amount asked of the cloud at once, in
/// requests of at most 100 instances, going through the group's vSwitches in priority order and, within a zone, its
/// instance types in order, moving on when the offering is short ([U3] in upstream-model.yaml). A refused request
/// (throttled, unavailable) is asked again after <see cref="UpstreamModel.CreateRetry"/> with the same ClientToken.
/// </summary>
/// <remarks>
/// The cloud given here is ESS's own way into ECS: the burst marks its requests as the cloud's internal traffic, so the
/// account's ECS API limits do not apply to them (an assumption that favours the baseline: ESS publishes no figure for
/// how fast it creates). Instances carry FastScale's ownership tags only so the same simulated kubelets and the same
/// measurement see them; nothing else about them is FastScale's.
/// </remarks>
internal sealed class EssScalingActivity(ICloud cloud, ScalePolicy policy, NodeGroupPolicy group, UpstreamModel model, TimeProvider time)
{
    private int _activities;
    private long _requests;

    /// <summary>Requests ECS refused and the activity asked again or gave up on.</summary>
    public long Refusals { get; private set; }

    /// <summary>Creates up to <paramref name="amount"/> instances; returns the ids created (fewer when every offering ran short).</summary>
    public async Task<IReadOnlyList<string>> ScaleOutAsync(int amount, CancellationToken cancellationToken)
    {
        var activity = ++_activities;
        var created = new List<string>(amount);
        foreach (var (zone, instanceType) in Offerings())
        {
            while (created.Count < amount)
            {
                var ask = Math.Min(LaunchRequest.MaxAmount, amount - created.Count);
                var ids = await CreateAsync(activity, zone, instanceType, ask, cancellationToken).ConfigureAwait(false);
                created.AddRange(ids);
                if (ids.Count < ask)
                {
                    break; // the offering ran short: the next vSwitch or instance type
                }
            }
        }

        return created;
    }

    private IEnumerable<(ZonePolicy Zone, string InstanceType)> Offerings() =>
        group.Zones.SelectMany(zone => group.InstanceTypes.Select(type => (zone, type)));

    private async Task<IReadOnlyList<string>> CreateAsync(int activity, ZonePolicy zone, string instanceType, int amount, CancellationToken cancellationToken)
    {
        var number = ++_requests;
        var request = new LaunchRequest(policy.ClusterId, group.Id,
            string.Create(CultureInfo.InvariantCulture, $"ess-{group.Id}-{activity}-{number}"),
            group.ImageId, instanceType, zone.ZoneId, zone.VSwitchId, group.SecurityGroupId, amount, MinAmount: 1, LaunchBatch: number);
        while (true)
        {
            var result = await cloud.LaunchAsync(request, cancellationToken).ConfigureAwait(false);
            if (result.IsSuccess)
            {
                return result.Value!;
            }

            Refusals++;
            if (result.Error!.Kind is not (CloudErrorKind.Throttled or CloudErrorKind.Transient))
            {
                return [];
            }

            await Task.Delay(model.CreateRetry, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
