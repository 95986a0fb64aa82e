using FastScale.Simulation.LatencyModel;

namespace FastScale.Burst.Rollout;

/// <summary>
/// What a <c>rollout-N</c> scenario does once its N nodes are Ready: fills them with workloads under disruption budgets,
/// changes the group's image by rewriting the provider's policy file (as a person or a ConfigMap update would), and
/// watches the rotation. <see cref="BrokenImage"/>: the new image never registers a Node, so the rollout must halt.
/// <see cref="ScaleOut"/>: pods needing <see cref="ScaleOutNodes"/> more nodes arrive during the rollout.
/// <see cref="ChangeImage"/> false: everything but the image change (the scale-out's comparison run).
/// </summary>
internal sealed record RolloutSpec(bool BrokenImage = false, bool ScaleOut = false, bool ChangeImage = true)
{
    /// <summary>Workload pods per node: 10, sized so that exactly 10 fit on a node (the scheduler packs first-fit).</summary>
    public const int PodsPerNode = 10;

    /// <summary>Replicas per ReplicaSet: 100 (fewer when the whole workload is smaller), each under its own budget.</summary>
    public const int ReplicasPerSet = 100;

    /// <summary>Each budget's maxUnavailable, as a Deployment's rolling update would commonly have it.</summary>
    public const string BudgetMaxUnavailable = "10%";

    /// <summary>The group's maxSurge, set explicitly (it is also the default).</summary>
    public const int MaxSurgePercent = 10;

    /// <summary>
    /// The drain timeout in emulated time: a batch's drain takes about ten rounds of evict, recreate, schedule and start
    /// (the budget lets 10 % of a ReplicaSet go at once), some 40 s; two minutes leaves room without letting a stuck
    /// drain hide for the ten minutes of the default.
    /// </summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How often the probe samples nodes and pods (emulated time), the timeline's resolution: a second up to 500 nodes,
    /// then a second per 500 (2 s at 1,000). A sample lists every workload pod and instance and reads the group over
    /// gRPC; at 10,000 pods that each emulated second would take a good part of a core, on a 2-core machine, from the
    /// world it watches. Counts and pace come from event stamps, so only pods pending and nodes unavailable are sampled.
    /// </summary>
    public static TimeSpan SampleInterval(int nodes) => TimeSpan.FromSeconds(Math.Max(1, nodes / 500));

    /// <summary>When the scale-out's pods arrive, after the image change: inside the first batch, whatever N.</summary>
    public static readonly TimeSpan ScaleOutAfter = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The group's repair registrationTimeout in a rollout scenario, which also bounds how long the rollout waits for a
    /// replacement: the flaky scenarios' deadline (past the slowest healthy node, provisioning queue included), so a
    /// broken image shows its halt within minutes instead of the default ten.
    /// </summary>
    public static TimeSpan RegistrationTimeout(int nodes) => TimeSpan.FromSeconds(Math.Ceiling(BurstConditions.FlakyRegistrationTimeout(nodes).TotalSeconds));

    /// <summary>The group's maxSize for the scenario: the nodes, the scale-out's, and room for two surge batches.</summary>
    public int MaxSize(int nodes) => nodes + (ScaleOut ? ScaleOutNodes(nodes) : 0) + (2 * SurgeBatch(nodes));

    /// <summary>The new image: the old id with a suffix, so a report shows which is which.</summary>
    public string NewImageOf(string oldImageId) => oldImageId + (BrokenImage ? "-broken" : "-next");

    /// <summary>
    /// The latency profile the scenario's world runs on: the new image boots as the old one does (a rebuilt prebaked
    /// image is still prebaked; an undeclared id would boot as a general-purpose OS), and a broken one never registers.
    /// </summary>
    public LatencyProfile ProfileFor(LatencyProfile profile, string oldImageId)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var newImage = NewImageOf(oldImageId);
        var kinds = new Dictionary<string, string>(profile.ImageKinds, StringComparer.Ordinal) { [newImage] = profile.ImageKindOf(oldImageId) };
        return profile with
        {
            ImageKinds = kinds,
            Faults = BrokenImage ? profile.Faults with { NeverRegistersImages = [newImage] } : profile.Faults,
        };
    }

    /// <summary>The surge batch for a group of <paramref name="nodes"/> (10 %, rounded up).</summary>
    public static int SurgeBatch(int nodes) => Math.Max(1, (nodes * MaxSurgePercent + 99) / 100);

    /// <summary>The scale-out's nodes: a fifth of the group, at least 10 (one pod a node).</summary>
    public static int ScaleOutNodes(int nodes) => Math.Max(10, nodes / 5);

    /// <summary>
    /// How long to wait for the rollout to finish after the image change: every batch given a replacement's full
    /// registration deadline and a whole drain timeout, twice over. A limit, not an expectation.
    /// </summary>
    public static TimeSpan Deadline(int nodes, TimeSpan registrationTimeout)
    {
        var batches = (nodes + SurgeBatch(nodes) - 1) / SurgeBatch(nodes);
        return 2 * batches * (registrationTimeout + DrainTimeout);
    }

    /// <summary>
    /// How long a broken rollout is watched after the change before it is judged halted: past the first batch's
    /// registration deadline twice (a halt, then no second batch), plus a minute for the provider's next passes.
    /// </summary>
    public static TimeSpan HaltWatch(TimeSpan registrationTimeout) => (2 * registrationTimeout) + TimeSpan.FromMinutes(1);
}
