namespace FastScale.Burst.Rollout;

/// <summary>
/// Turns a rollout's observations, in time order, into its figures: the timeline, the old nodes replaced and cordoned,
/// the replacements launched, the most nodes unavailable and pods pending at once, how long pods waited, and when the
/// rollout was over (no old-template instance or Node left, every expected pod bound and Ready, and every instance of
/// the group registered). Sampled figures are
/// good to the sampling interval.
/// </summary>
internal sealed class RolloutTracker(string oldImageId, string newImageId, int groupNodes, int expectedPods, DateTimeOffset changedAt)
{
    private readonly List<RolloutSample> _timeline = [];
    private readonly HashSet<string> _oldAtStart = new(StringComparer.Ordinal);
    private readonly HashSet<string> _oldGone = new(StringComparer.Ordinal);
    private readonly HashSet<string> _cordoned = new(StringComparer.Ordinal);
    private readonly HashSet<string> _launched = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _pendingSince = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _newSeenAt = new(StringComparer.Ordinal);
    private readonly List<double> _replacementSeconds = [];
    private readonly Dictionary<string, DateTimeOffset> _cordonedAt = new(StringComparer.Ordinal);
    private readonly List<double> _drainSeconds = [];
    private readonly HashSet<string> _timed = new(StringComparer.Ordinal);
    private DateTimeOffset? _last;
    private bool _wasPending;

    public IReadOnlyList<RolloutSample> Timeline => _timeline;

    public int NodesReplaced => _oldGone.Count;

    public int ReplacementsLaunched => _launched.Count;

    public int OldNodesCordoned => _cordoned.Count;

    /// <summary>Per new-template instance that came Ready: seconds from its launch to its Node's Ready (stamps), else
    /// from the first sample it existed to the first its Node was Ready.</summary>
    public IReadOnlyList<double> ReplacementSeconds => _replacementSeconds;

    /// <summary>Per old node replaced: seconds from its cordon to its Node's deletion once its instance is gone (drain and
    /// release; stamps, else the samples that first saw each).</summary>
    public IReadOnlyList<double> DrainSeconds => _drainSeconds;

    public int MaxNodesUnavailable { get; private set; }

    public int MaxPodsPending { get; private set; }

    public TimeSpan PodsPending { get; private set; }

    public TimeSpan LongestPodPending { get; private set; }

    /// <summary>The autoscaler's reads of the group over the rollout; null when none was made.</summary>
    public AutoscalerConsistency? Autoscaler { get; private set; }

    /// <summary>When the rollout was first seen over; null while it is not.</summary>
    public DateTimeOffset? FinishedAt { get; private set; }

    public void Observe(RolloutObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var at = observation.At;
        if (_last is null)
        {
            _oldAtStart.UnionWith(observation.InstanceImages.Where(i => i.Value == oldImageId).Select(i => i.Key));
        }

        _oldGone.UnionWith(_oldAtStart.Where(id => !observation.InstanceImages.ContainsKey(id)));
        _launched.UnionWith(observation.InstanceImages.Where(i => i.Value == newImageId).Select(i => i.Key));
        var oldNodes = observation.Nodes.Where(n => n.ImageId == oldImageId).ToList();
        _cordoned.UnionWith(oldNodes.Where(n => n.Cordoned).Select(n => n.InstanceId));
        if (observation.Stamps is { } stamps)
        {
            _cordoned.UnionWith(_oldAtStart.Where(stamps.CordonedAt.ContainsKey));
        }

        TrackPace(observation, oldNodes);
        var available = observation.Nodes.Count(n => n.Ready && !n.Cordoned);
        MaxNodesUnavailable = Math.Max(MaxNodesUnavailable, groupNodes - available);

        if (observation.Autoscaler is { } view)
        {
            Autoscaler = (Autoscaler ?? AutoscalerConsistency.None).With(view, (at - changedAt).TotalSeconds);
        }

        var pending = TrackPending(observation.Pods, at);
        var notReady = observation.Pods.Count(p => !p.Ready) + Math.Max(0, expectedPods - observation.Pods.Count);
        _timeline.Add(new RolloutSample(
            (at - changedAt).TotalSeconds, oldNodes.Count(n => !n.Cordoned), oldNodes.Count(n => n.Cordoned),
            observation.Nodes.Count(n => n.ImageId == newImageId), Math.Max(0, groupNodes - available), pending, notReady));

        // Over when nothing old is left, every pod runs, and nothing is on its way: an instance without a Node yet (a
        // launch for pods that found room meanwhile) would be counted as leaked if the run stopped under it.
        var registered = observation.Nodes.Select(n => n.InstanceId).ToHashSet(StringComparer.Ordinal);
        var over = oldNodes.Count == 0 && !observation.InstanceImages.Values.Contains(oldImageId) && notReady == 0 && pending == 0
            && observation.InstanceImages.Keys.All(registered.Contains);
        if (over)
        {
            FinishedAt ??= at;
        }
        else
        {
            // Old nodes again (a rollback is another change), or a pod lost after the end: not over after all.
            FinishedAt = null;
        }

        _last = at;
    }

    /// <summary>Times each replacement (launch to Ready) and each old node's drain (cordon to gone).</summary>
    private void TrackPace(RolloutObservation observation, List<RolloutNodeView> oldNodes)
    {
        var at = observation.At;
        var stamps = observation.Stamps;
        foreach (var (id, image) in observation.InstanceImages)
        {
            if (image == newImageId && _last is not null && !_timed.Contains(id))
            {
                // Instances there at the first sample were not launched by this rollout.
                _newSeenAt.TryAdd(id, Stamp(stamps?.LaunchedAt, id, at));
            }
        }

        foreach (var node in observation.Nodes.Where(n => n.Ready && n.ImageId == newImageId))
        {
            if (_newSeenAt.Remove(node.InstanceId, out var seen) && _timed.Add(node.InstanceId))
            {
                _replacementSeconds.Add((Stamp(stamps?.ReadyAt, node.InstanceId, at) - seen).TotalSeconds);
            }
        }

        foreach (var node in oldNodes.Where(n => n.Cordoned && !_timed.Contains(n.InstanceId)))
        {
            _cordonedAt.TryAdd(node.InstanceId, Stamp(stamps?.CordonedAt, node.InstanceId, at));
        }

        if (stamps is not null)
        {
            foreach (var id in _oldAtStart.Where(id => !_timed.Contains(id) && stamps.CordonedAt.ContainsKey(id)))
            {
                _cordonedAt.TryAdd(id, stamps.CordonedAt[id]);
            }
        }

        // Timed once, when both the instance and its Node are gone (a Node may outlive its instance for a moment).
        var withNodes = observation.Nodes.Select(n => n.InstanceId).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, cordoned) in _cordonedAt.Where(c => !observation.InstanceImages.ContainsKey(c.Key) && !withNodes.Contains(c.Key)).ToList())
        {
            _drainSeconds.Add((Stamp(stamps?.NodeDeletedAt, id, at) - cordoned).TotalSeconds);
            _cordonedAt.Remove(id);
            _timed.Add(id);
        }
    }

    private static DateTimeOffset Stamp(IReadOnlyDictionary<string, DateTimeOffset>? stamps, string id, DateTimeOffset sampledAt) =>
        stamps is not null && stamps.TryGetValue(id, out var stamp) ? stamp : sampledAt;

    /// <summary>Counts the pods not bound now, and keeps each one's wait: from the first sample it was seen unbound to the first it was not (or was gone).</summary>
    private int TrackPending(IReadOnlyList<RolloutPodView> pods, DateTimeOffset at)
    {
        var unbound = pods.Where(p => !p.Bound).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in unbound)
        {
            _pendingSince.TryAdd(name, at);
        }

        foreach (var done in _pendingSince.Keys.Where(n => !unbound.Contains(n)).ToList())
        {
            LongestPodPending = Max(LongestPodPending, at - _pendingSince[done]);
            _pendingSince.Remove(done);
        }

        foreach (var since in _pendingSince.Values)
        {
            // Pods still waiting count as far as they have got.
            LongestPodPending = Max(LongestPodPending, at - since);
        }

        if (_last is { } last && (unbound.Count > 0 || _wasPending))
        {
            // The interval just ended counts as pending if pods were pending at either end of it.
            PodsPending += at - last;
        }

        _wasPending = unbound.Count > 0;
        MaxPodsPending = Math.Max(MaxPodsPending, unbound.Count);
        return unbound.Count;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
