using System.Text.Json.Nodes;
using FastScale.Engine.Cloud;
using FastScale.Kubernetes.Adapters.Nodes;
using FastScale.Simulation.Cluster;

namespace FastScale.Burst.Rollout;

/// <summary>
/// Watches a rollout from outside the provider, every <paramref name="interval"/> of emulated time: the
/// group's instances from the ECS emulator (their image is the template they were launched with), its Nodes from the
/// burst's own readiness watch, the workload's pods from the simulator's store; each sample goes to the
/// <see cref="RolloutTracker"/>, with the group as the autoscaler reads it over gRPC when an
/// <see cref="AutoscalerDriver"/> is given. Also stamps the scale-out's pods (rollout-scaleout-N) with when their node was Ready.
/// </summary>
internal sealed class RolloutProbe(
    BurstWorld world, NodeReadinessWatch watch, string groupId, RolloutTracker tracker, AutoscalerDriver? autoscaler, TimeSpan interval, TimeProvider time)
{
    private readonly Dictionary<string, string> _imageOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _launchedAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Version, RolloutPodView? View)> _pods = new(StringComparer.Ordinal);

    public RolloutTracker Tracker => tracker;

    /// <summary>Samples until <paramref name="until"/> says stop (checked after each sample) or the token is cancelled.</summary>
    public async Task RunUntilAsync(Func<RolloutTracker, bool> until, CancellationToken cancellationToken)
    {
        while (true)
        {
            var view = autoscaler is null ? null : await autoscaler.ViewAsync(cancellationToken);
            tracker.Observe(Observe() with { Autoscaler = view });
            if (until(tracker))
            {
                return;
            }

            await Task.Delay(interval, time, cancellationToken);
        }
    }

    public RolloutObservation Observe()
    {
        var snapshots = world.Ecs.Emulator.Instances().Where(i => i.Tags.Any(t => t.Key == CloudTags.NodeGroup && t.Value == groupId)).ToList();
        var instances = snapshots.ToDictionary(i => i.InstanceId, i => i.ImageId, StringComparer.Ordinal);
        foreach (var instance in snapshots)
        {
            // Remembered past the instance's deletion: a Node may outlive its instance for a moment and is still old.
            _imageOf[instance.InstanceId] = instance.ImageId;
            _launchedAt[instance.InstanceId] = instance.CreatedAt;
        }

        var nodes = watch.Nodes()
            .Select(n => (Node: n, Id: NodeIndexes.InstanceIdOf(n)))
            .Where(n => n.Id is not null && _imageOf.ContainsKey(n.Id))
            .Select(n => new RolloutNodeView(n.Id!, _imageOf[n.Id!], NodeReady.IsReady(n.Node), n.Node.Spec?.Unschedulable == true))
            .ToList();
        var pods = Pods();
        var stamps = new RolloutStamps(
            new Dictionary<string, DateTimeOffset>(_launchedAt, StringComparer.Ordinal), Copy(watch.ReadyAt), Copy(watch.CordonedAt), Copy(watch.DeletedAt));
        return new RolloutObservation(time.GetUtcNow(), instances, nodes, pods, Stamps: stamps);
    }

    /// <summary>
    /// The workload's active pods. Each is parsed from the store only when its resourceVersion moved since the last
    /// sample: at 10,000 pods, parsing all of them every sample took a good part of a core from the world being watched.
    /// </summary>
    private List<RolloutPodView> Pods()
    {
        var views = new List<RolloutPodView>(_pods.Count);
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stored in world.Cluster.Store.Objects(ResourceKind.Pods, RolloutWorkload.Namespace))
        {
            if (!_pods.TryGetValue(stored.Name, out var known) || known.Version != stored.ResourceVersion)
            {
                known = (stored.ResourceVersion, ViewOf(stored.Name, stored.ToJsonObject()));
                _pods[stored.Name] = known;
            }

            present.Add(stored.Name);
            if (known.View is { } view)
            {
                views.Add(view);
            }
        }

        foreach (var gone in _pods.Keys.Where(name => !present.Contains(name)).ToList())
        {
            _pods.Remove(gone);
        }

        return views;
    }

    /// <summary>An active pod's view; null for one being deleted or finished.</summary>
    private static RolloutPodView? ViewOf(string name, JsonObject pod) =>
        pod["metadata"]?["deletionTimestamp"] is null && (string?)pod["status"]?["phase"] is not ("Succeeded" or "Failed")
            ? new RolloutPodView(name, !string.IsNullOrEmpty((string?)pod["spec"]?["nodeName"]), RolloutWorkload.IsReady(pod))
            : null;

    private static Dictionary<string, DateTimeOffset> Copy(IReadOnlyDictionary<string, DateTimeOffset> stamps) =>
        stamps.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>
    /// The scale-out's figures: per pod, from <paramref name="createdAt"/> until the node it is bound to was first seen
    /// Ready by the watch (millisecond stamps; 0 when that node was Ready before the pod existed), and for pods on nodes
    /// launched after <paramref name="createdAt"/>, those seconds less the node's own drawn phases.
    /// </summary>
    public ScaleOutFigures ScaleOut(int pods, DateTimeOffset createdAt, DateTimeOffset changedAt)
    {
        var instanceOfNode = watch.Nodes()
            .Where(n => n.Metadata?.Name is not null && NodeIndexes.InstanceIdOf(n) is not null)
            .ToDictionary(n => n.Metadata!.Name!, n => NodeIndexes.InstanceIdOf(n)!, StringComparer.Ordinal);
        var instances = world.Ecs.Emulator.Instances().ToDictionary(i => i.InstanceId, StringComparer.Ordinal);
        var ready = new List<double>();
        var added = new List<double>();
        foreach (var node in world.Cluster.Store.List(ResourceKind.Pods, RolloutWorkload.ScaleOutNamespace).Select(p => (string?)p["spec"]?["nodeName"]))
        {
            if (string.IsNullOrEmpty(node) || !instanceOfNode.TryGetValue(node, out var id) || !watch.ReadyAt.TryGetValue(id, out var at))
            {
                continue;
            }

            var seconds = Math.Max(0, (at - createdAt).TotalSeconds);
            ready.Add(seconds);
            if (instances.TryGetValue(id, out var instance) && instance.CreatedAt >= createdAt)
            {
                added.Add(Math.Max(0, seconds - instance.Latency.PhasesWithoutQueue.TotalSeconds));
            }
        }

        return new ScaleOutFigures(pods, (createdAt - changedAt).TotalSeconds, [.. ready.Order()], [.. added.Order()]);
    }
}
