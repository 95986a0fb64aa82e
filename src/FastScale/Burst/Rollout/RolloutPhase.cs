using FastScale.Simulation.Cluster;

namespace FastScale.Burst.Rollout;

/// <summary>
/// The part of a rollout scenario after its N nodes are Ready: the workloads are created and awaited, the image is
/// changed by rewriting the provider's policy file, the scale-out's pods arrive (rollout-scaleout-N), and the probe
/// watches until the rollout is over, its deadline passes, or (broken image) the halt has had time to show.
/// </summary>
/// <param name="haltReason">The provider's reason when its rollout of the group is halted, else null.</param>
internal sealed class RolloutPhase(
    BurstWorld world, NodeReadinessWatch watch, RolloutPolicyFile file, RolloutSpec spec, string groupId, AutoscalerDriver? autoscaler,
    Func<string?> haltReason, TimeProvider time)
{
    /// <summary>
    /// How long the workload may take to be Ready before the change (emulated): generous, it is setup. Ten minutes and
    /// one more per thousand pods, since the simulator's scheduler and controllers work through them at their own pace.
    /// </summary>
    private static TimeSpan SettleLimit(int pods) => TimeSpan.FromMinutes(10 + (pods / 1000));

    /// <param name="nodes">The group's Ready nodes before the change.</param>
    /// <param name="registrationTimeout">The group's repair deadline, which bounds a replacement's wait.</param>
    /// <param name="replaced">Told the old nodes replaced so far after each sample: the run's progress line.</param>
    public async Task<RolloutFigures> RunAsync(
        int nodes, TimeSpan registrationTimeout, DateTimeOffset t0, Action<int>? replaced, CancellationToken cancellationToken)
    {
        var store = world.Cluster.Store;
        var pods = RolloutWorkload.Create(store, nodes);
        var settleBy = time.GetUtcNow() + SettleLimit(pods);
        while (!(RolloutWorkload.AllReady(store) && RolloutWorkload.PodsLost(store) == 0))
        {
            if (time.GetUtcNow() >= settleBy)
            {
                throw new TimeoutException($"the rollout's {pods} workload pods were not all Ready after {SettleLimit(pods).TotalMinutes:0} min emulated");
            }

            await Task.Delay(RolloutSpec.SampleInterval(nodes), time, cancellationToken);
        }

        var counters = store.Counters;
        var (allowed, refused, violations, deletes) = (counters.EvictionsAllowed, counters.EvictionsRefused, counters.EvictionBudgetViolations, counters.DeleteBudgetViolations);
        var newImage = spec.NewImageOf(file.OldImageId);
        var changedAt = time.GetUtcNow();
        if (spec.ChangeImage)
        {
            await file.ChangeImageAsync(newImage, cancellationToken);
        }

        var tracker = new RolloutTracker(file.OldImageId, newImage, nodes, pods, changedAt);
        var probe = new RolloutProbe(world, watch, groupId, tracker, autoscaler, RolloutSpec.SampleInterval(nodes), time);
        var scaleOutPods = spec.ScaleOut ? RolloutSpec.ScaleOutNodes(nodes) : 0;
        DateTimeOffset? scaleOutAt = null;
        var limit = changedAt + (spec.BrokenImage ? RolloutSpec.HaltWatch(registrationTimeout) : RolloutSpec.Deadline(nodes, registrationTimeout));
        string? halt = null;
        await probe.RunUntilAsync(t =>
        {
            replaced?.Invoke(t.NodesReplaced);
            var now = time.GetUtcNow();
            if (!spec.BrokenImage && halt is null && haltReason() is { } reason)
            {
                // A halt on a working image stays until a person acts: explain it while the world still holds the
                // instance, and watch one more minute for what the halt does rather than the whole deadline.
                halt = RolloutHaltDiagnosis.Describe(reason, world, watch, changedAt);
                limit = Min(limit, now + TimeSpan.FromMinutes(1));
            }
            if (scaleOutPods > 0 && scaleOutAt is null && now >= changedAt + RolloutSpec.ScaleOutAfter)
            {
                RolloutWorkload.CreateScaleOut(store, scaleOutPods);
                scaleOutAt = now;
            }

            var scaleOutDone = scaleOutPods == 0 || (scaleOutAt is { } at && probe.ScaleOut(scaleOutPods, at, changedAt).ReadySeconds.Count == scaleOutPods);
            var rolloutDone = !spec.ChangeImage || (!spec.BrokenImage && t.FinishedAt is not null);
            return now >= limit || (rolloutDone && scaleOutDone);
        }, cancellationToken);

        var end = time.GetUtcNow();
        return new RolloutFigures
        {
            OldImageId = file.OldImageId,
            NewImageId = newImage,
            GroupNodes = nodes,
            Pods = pods,
            ReplicaSets = store.List(ResourceKind.ReplicaSets, RolloutWorkload.Namespace).Count,
            ChangedAtSeconds = BurstRunner.Seconds(changedAt, t0),
            DurationSeconds = spec.ChangeImage && tracker.FinishedAt is { } finished ? (finished - changedAt).TotalSeconds : null,
            WatchedSeconds = (end - changedAt).TotalSeconds,
            NodesReplaced = tracker.NodesReplaced,
            ReplacementsLaunched = tracker.ReplacementsLaunched,
            OldNodesCordoned = tracker.OldNodesCordoned,
            MaxNodesUnavailable = tracker.MaxNodesUnavailable,
            MaxPodsPending = tracker.MaxPodsPending,
            PodsPendingSeconds = tracker.PodsPending.TotalSeconds,
            LongestPodPendingSeconds = tracker.LongestPodPending.TotalSeconds,
            EvictionsAllowed = counters.EvictionsAllowed - allowed,
            EvictionsRefused = counters.EvictionsRefused - refused,
            PdbViolations = counters.EvictionBudgetViolations - violations,
            DeleteBudgetViolations = counters.DeleteBudgetViolations - deletes,
            PodsLost = RolloutWorkload.PodsLost(store),
            HaltEvents = store.List(ResourceKind.Events).Count(e => (string?)e["reason"] == HaltReason),
            Timeline = tracker.Timeline,
            Autoscaler = tracker.Autoscaler,
            HaltReason = halt,
            ReplacementSeconds = [.. tracker.ReplacementSeconds],
            DrainSeconds = [.. tracker.DrainSeconds],
            ScaleOut = scaleOutAt is { } created ? probe.ScaleOut(scaleOutPods, created, changedAt) : null,
        };
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>The Event reason the engine's rollout posts when it halts (IRolloutEvents' documented example).</summary>
    public const string HaltReason = "RolloutHalted";
}
