using System.Collections.Concurrent;
using FastScale.Engine.Cloud;
using FastScale.Engine.Policy;

namespace FastScale.Baselines;

/// <summary>
/// What users run today, as a baseline every report sets beside FastScale: the cluster-autoscaler with its own
/// <c>alicloud</c> provider in front of an ESS scaling group, modelled from the provider's source and ESS's and the
/// autoscaler's public documents (each number and its source in <c>upstream-model.yaml</c>):
/// <list type="bullet">
/// <item>Demand reaches it when the autoscaler acts: at t = 0 for an IncreaseSize scenario, after the autoscaler's
/// measured reaction for pending pods. No fast mode.</item>
/// <item>IncreaseSize asks for the whole delta at once: the provider's ESS calls one after another inside the RPC, then
/// one scaling activity (<see cref="EssScalingActivity"/>) creates every instance, across vSwitches and instance
/// types on a stock-out.</item>
/// <item>Failures are the autoscaler's to handle, not a repairer's: an instance with no Node after
/// max-node-provision-time is removed, the group backs off, and the next scale-up asks again. No brake.</item>
/// <item>Economical mode (a warm scenario gives it the same number of stopped instances as FastScale's warm pool): a
/// scale-out starts the stopped instances first and creates the rest.</item>
/// <item>A provider restart costs it nothing: its state lives in ESS, so the restart scenario runs it as cold.</item>
/// </list>
/// </summary>
internal sealed class UpstreamBaseline
{
    private readonly ICloud _cloud;
    private readonly UpstreamModel _model;
    private readonly TimeSpan _maxNodeProvisionTime;
    private readonly UpstreamNodeView _nodes;
    private readonly TimeProvider _time;
    private readonly EssScalingActivity _activity;
    private readonly ConcurrentDictionary<string, long> _essCalls = new(StringComparer.Ordinal);
    private readonly List<string> _stopped = [];

    /// <param name="cloud">ESS's way into ECS (see <see cref="EssScalingActivity"/>).</param>
    /// <param name="maxNodeProvisionTime">The autoscaler's deadline for a node to register.</param>
    public UpstreamBaseline(ICloud cloud, ScalePolicy policy, NodeGroupPolicy group, UpstreamModel model, TimeSpan maxNodeProvisionTime,
        UpstreamNodeView nodes, TimeProvider time)
    {
        (_cloud, _model, _maxNodeProvisionTime, _nodes, _time) = (cloud, model, maxNodeProvisionTime, nodes, time);
        _activity = new EssScalingActivity(cloud, policy, group, model, time);
    }

    /// <summary>What a run's cloud calls put before an ESS action's name, to tell it from an ECS action.</summary>
    public const string EssCallPrefix = "ESS:";

    /// <summary>The provider's calls to ESS's OpenAPI, per action, as <c>ESS:Action</c>.</summary>
    public IReadOnlyDictionary<string, long> EssCalls => _essCalls;

    /// <summary>ECS requests the scaling activities had refused (each asked again after a pause, or given up).</summary>
    public long Refusals => _activity.Refusals;

    /// <summary>
    /// Before t = 0 of a warm scenario: <paramref name="size"/> instances created and stopped in economical mode as soon
    /// as each is seen Running, as FastScale's warm pool does with prebaked images, so both start from the same state.
    /// A scaling group in economical mode holds such instances after a scale-in; their Nodes do not stay behind, since a
    /// stopped instance's NotReady Node counts as unready, and enough of them halt the autoscaler
    /// (--max-total-unready-percentage, [U4]).
    /// </summary>
    public async Task FillEconomicalModeAsync(int size, CancellationToken cancellationToken)
    {
        var ids = await _activity.ScaleOutAsync(size, cancellationToken).ConfigureAwait(false);
        var stopping = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var states = await StatesAsync(ids, cancellationToken).ConfigureAwait(false);
            if (states.Count == ids.Count && states.Values.All(s => s == CloudInstanceStatus.Stopped) && !_nodes.ReadyNow().Overlaps(ids))
            {
                break;
            }

            var running = states.Where(s => s.Value == CloudInstanceStatus.Running && stopping.Add(s.Key)).Select(s => s.Key).ToList();
            foreach (var batch in running.Chunk(LaunchRequest.MaxAmount))
            {
                await _cloud.StopInstancesAsync(batch, economical: true, cancellationToken).ConfigureAwait(false);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), _time, cancellationToken).ConfigureAwait(false);
        }

        _stopped.AddRange(ids);
    }

    /// <summary>
    /// Brings the group to <paramref name="nodes"/> registered nodes, as the autoscaler and ESS would. Pods that keep
    /// arriving (<paramref name="visible"/>: how many exist now) are asked for at the autoscaler's next scan, the
    /// delta of pods it has not asked for yet, each time through the same IncreaseSize.
    /// </summary>
    public async Task RunAsync(int nodes, Func<int> visible, TimeSpan demandDelay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visible);
        await Task.Delay(demandDelay, _time, cancellationToken).ConfigureAwait(false);
        var members = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        while (true)
        {
            var scaleUpAt = _time.GetUtcNow();
            var asked = Math.Min(nodes, visible());
            if (asked - members.Count is > 0 and var missing)
            {
                await IncreaseSizeAsync(cancellationToken).ConfigureAwait(false);
                foreach (var id in await ScaleOutAsync(missing, cancellationToken).ConfigureAwait(false))
                {
                    members[id] = scaleUpAt;
                }
            }

            // The autoscaler's loops: done once every node registered; a node past its deadline, or a scale-up that
            // never got its instances, is a failed scale-up: remove what did not come, back off, ask again. Pods that
            // arrived since the last scale-up are the next scan's scale-up.
            while (members.Count < nodes || !members.Keys.All(_nodes.IsRegistered))
            {
                await Task.Delay(_model.ScanInterval, _time, cancellationToken).ConfigureAwait(false);
                Count("DescribeScalingInstances");
                var now = _time.GetUtcNow();
                var overdue = members.Where(m => !_nodes.IsRegistered(m.Key) && now - m.Value >= _maxNodeProvisionTime).Select(m => m.Key).ToList();
                if (overdue.Count == 0 && Math.Min(nodes, visible()) > asked)
                {
                    break;
                }

                if (overdue.Count == 0 && (members.Count >= asked || now - scaleUpAt < _maxNodeProvisionTime))
                {
                    continue;
                }

                await RemoveAsync(overdue, cancellationToken).ConfigureAwait(false);
                overdue.ForEach(id => members.Remove(id));
                await Task.Delay(_model.InitialBackoff, _time, cancellationToken).ConfigureAwait(false);
                break;
            }

            if (members.Count >= nodes && members.Keys.All(_nodes.IsRegistered))
            {
                return;
            }
        }
    }

    /// <summary>The upstream provider's IncreaseSize: its ESS calls, one after another, then the activity is accepted.</summary>
    private async Task IncreaseSizeAsync(CancellationToken cancellationToken)
    {
        foreach (var action in new[] { "DescribeScalingGroups", "DescribeScalingRules", "CreateScalingRule", "ModifyScalingRule", "ExecuteScalingRule", "DeleteScalingRule" }
                     .Take(_model.EssCallsPerIncreaseSize))
        {
            Count(action);
        }

        await Task.Delay(_model.IncreaseSizeCall + _model.ActivityStart, _time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One scaling activity: stopped instances of economical mode first, then creates for the rest.</summary>
    private async Task<IReadOnlyList<string>> ScaleOutAsync(int amount, CancellationToken cancellationToken)
    {
        var started = new List<string>();
        while (started.Count < amount && _stopped.Count > 0)
        {
            var batch = _stopped.Take(Math.Min(amount - started.Count, LaunchRequest.MaxAmount)).ToList();
            _stopped.RemoveRange(0, batch.Count);
            var result = await _cloud.StartInstancesAsync(batch, cancellationToken).ConfigureAwait(false);
            if (result.IsSuccess)
            {
                // A start the zone cannot serve (economical mode gave its compute up) leaves the slot to a create.
                started.AddRange(result.Value!.Where(c => c.Error is null).Select(c => c.InstanceId));
            }
        }

        var created = await _activity.ScaleOutAsync(amount - started.Count, cancellationToken).ConfigureAwait(false);
        return [.. started, .. created];
    }

    private async Task RemoveAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        foreach (var batch in ids.Chunk(LaunchRequest.MaxAmount))
        {
            Count("RemoveInstances");
            await _cloud.DeleteInstancesAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Dictionary<string, CloudInstanceStatus>> StatesAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var states = new Dictionary<string, CloudInstanceStatus>(StringComparer.Ordinal);
        foreach (var batch in ids.Chunk(LaunchRequest.MaxAmount))
        {
            var answer = await _cloud.DescribeInstancesAsync(batch, cancellationToken).ConfigureAwait(false);
            foreach (var instance in answer.Value ?? [])
            {
                states[instance.InstanceId] = instance.Status;
            }
        }

        return states;
    }

    private void Count(string action) => _essCalls.AddOrUpdate(EssCallPrefix + action, 1, static (_, n) => n + 1);
}

/// <summary>What the autoscaler sees of the cluster's Nodes, by instance id.</summary>
internal sealed record UpstreamNodeView(Func<string, bool> IsRegistered, Func<IReadOnlySet<string>> ReadyNow);
