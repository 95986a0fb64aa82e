namespace FastScale.Burst.Reports;

/// <summary>A scenario's runs side by side (FastScale, the upstream baseline, the naive one), with what the report says about how they were made.</summary>
internal sealed record BurstReport(
    BurstScenario Scenario, BurstRunResult FastScale, BurstRunResult Upstream, BurstRunResult Naive, int Seed, double TimeScale, string ProfileName,
    BurstTempo? Tempo = null)
{
    /// <summary>The cluster's pace the runs had (<see cref="BurstTempo.Instant"/> unless the burst set one).</summary>
    public BurstTempo ClusterTempo => Tempo ?? BurstTempo.Instant;

    /// <summary>The naive baseline under its old name: report.json's <c>baseline</c> field, kept for one release.</summary>
    public BurstRunResult Baseline => Naive;

    /// <summary>
    /// The runs in the order every table and chart shows them, under the names they carry there: FastScale, then the
    /// baseline that matters (what users run today), then the lower bound.
    /// </summary>
    public IReadOnlyList<(string Name, BurstRunResult Run)> Runs =>
        [("FastScale", FastScale), ("upstream baseline", Upstream), ("naive baseline", Naive)];

    /// <summary>How the figures are defined; written into report.json and report.md so a reader needs no source code.</summary>
    public static IReadOnlyDictionary<string, string> Definitions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["time"] = "seconds of the emulated world from t = 0, the moment the IncreaseSize call is made or the pending pods are created",
        ["readySeconds"] = "per node, when the driver's own watch on the Kubernetes API first saw the Node Ready=True, stamped with the driver's clock (not lastTransitionTime, whose precision is whole seconds); nearest-rank percentiles over the nodes requested, a node never Ready counting as never: p90 is the time by which 90 % of nodesRequested were Ready, null (\"—\" in tables) when fewer ever were, never the p90 of the nodes that were; max is the time the last requested node got Ready, null unless all did; reached is how many of the nodes requested got Ready",
        ["floorSeconds"] = "per node of the run, the latency model alone, from the emulator's samples of its launch (which the simulated kubelets follow): for a create, k / provisioningPerSecond (its place in the region's provisioning queue if all were requested at t = 0) + provisioning + boot + registration + readiness; for a start of a warm instance, provisioning + boot + readiness (+ registration if its Node did not exist at t = 0), starts not waiting in the create queue; no API limits, no provider overhead",
        ["firstCloudCallSeconds"] = "the first RunInstances or StartInstances request the ECS emulator received",
        ["firstUnschedulableSeconds"] = "fast mode: when the API server accepted the simulated scheduler's first PodScheduled=False, reason Unschedulable status write (the first pod's condition time, at the driver clock's precision rather than the condition's whole seconds); null for IncreaseSize scenarios",
        ["unschedulableToFirstCloudCallSeconds"] = "fast mode: firstCloudCallSeconds - firstUnschedulableSeconds, the provider's own reaction time from the first unschedulable pod to the first cloud call (firstCloudCallSeconds itself counts from the pods' creation, so it includes the scheduler's reaction too)",
        ["allRequestedSeconds"] = "when the cloud accepted the request of the last of the first nodesRequested instances",
        ["cloudCalls"] = "requests the emulator received per action from the provider (or the baseline), the simulated kubelets' own DescribeInstances polls left out; throttled and failed calls included; for the upstream baseline also its provider's calls to ESS's OpenAPI, as ESS:Action (tables sum them as \"ESS calls (provider)\")",
        ["cloudErrors"] = "error answers the emulator gave per code since its world started (throttling, stock-outs, credentials such as InvalidSecurityToken.Expired, injected faults), the simulated kubelets' included; empty when none",
        ["launchCallsPerNode"] = "RunInstances and StartInstances calls per node requested (0.01 is one call per 100 nodes, 1 is one call per node); for the upstream baseline 0, since its instances are ESS's to launch",
        ["tempo"] = "the cluster's pace: podQps (and podBurst) the simulated ReplicaSet controller's client rate, null when every pod was written at t = 0; schedulerQps (and schedulerBurst) the simulated scheduler's client rate for its writes, 0 unpaced; apiWriteLatencySeconds how long each write to the API simulator took",
        ["instancesCreated"] = "instances created after t = 0 for the group's nodes; warm-pool instances (filled before t = 0, or refilled after) are not nodes and are left out",
        ["instancesFromWarmPool"] = "instances in the warm pool at t = 0 that are nodes at the end (started, not created)",
        ["duplicateInstances"] = "instances beyond the nodes needed: instancesCreated + instancesFromWarmPool - nodesRequested - replacedNodes, at least 0; counts a launch repeated and an instance asked for that no pod needed (over-provisioning) alike",
        ["leakedInstances"] = "at the end, owned instances that are neither in the warm pool (stopped, or being prepared) nor backed by a Node",
        ["replacedNodes"] = "instances the provider deleted during the run (repair), each replaced by a new one",
        ["repairPaused"] = "whether repair of the group was paused at the end because more of it was unhealthy than the policy's maxUnhealthyPercent (the brake)",
        ["cloudCallsPerSecond"] = "the same calls per action, and the throttled among them, per second of the emulator's clock (its whole seconds, the windows its per-second rate limits count in, so a count reads directly against a limit): bucket k starts firstBucketSeconds + k after t = 0, firstBucketSeconds between -1 and 0; calls before t = 0 (a warm pool's fill) left out",
        ["instancesByOffering"] = "instances the run created, per instanceType@zone (a stock-out's fallback shows here)",
        ["baseline"] = "kept for one release and replaced by baselines.naive, which has the same figures under the same names and more: the naive policy: one instance per RunInstances call, calls one after another at the emulator's RunInstances limit per second, no warm pool, no coalescing; demand reaches it at t = 0 for IncreaseSize and at t = 8 s (the autoscaler's measured median at its default 10 s loop) for pending pods",
        ["baselines"] = "the runs FastScale is measured against, each on a fresh world with the same seed, with FastScale's own field names. upstream, the comparison that matters: what users run today, the cluster-autoscaler's own alicloud provider in front of an ESS scaling group as modelled in src/FastScale/Baselines/upstream-model.yaml (each number with its source): the whole delta requested at once (one scaling activity, across vSwitches and instance types on a stock-out); pending pods seen at the autoscaler's measured reaction (8 s at its default 10 s loop), no fast mode; the autoscaler's own failure handling (an instance with no Node after max-node-provision-time removed, then its 5 min node-group backoff before it asks again), no repair and no brake; ESS's economical mode (stopped instances started first) in warm scenarios; unaffected by a provider restart (its state lives in ESS, so a restart scenario runs it as cold). ESS's own ECS calls are the cloud's, not the account's, and are left out of its cloudCalls and cloudCallsPerSecond; its cloudCalls count its provider's ESS OpenAPI calls instead (ESS:Action, totals only, not per second), and its retries are the ECS requests ESS's scaling activities had refused (each made again after a pause, or given up). naive: the lower bound, not what anyone runs (see baseline)",
        ["rollout"] = "rollout scenarios (rollout-N, rollout-broken-N, rollout-scaleout-N), FastScale's run only: after the burst's nodes are Ready, 10 workload pods a node in ReplicaSets of up to 100, each under a PodDisruptionBudget of maxUnavailable 10 %, then the group's imageId is changed in the provider's policy file (reloaded by polling). Seconds count from that change. durationSeconds: until no old-template instance or Node of the group remains, every pod is bound and Ready, and every instance of the group has its Node (null: not within the deadline); nodesReplaced: old instances deleted; replacementsLaunched: new-template instances created (a scale-out's included); oldNodesCordoned: old nodes ever seen cordoned; maxNodesUnavailable: the group's size at the change minus its Ready uncordoned nodes, at most; maxPodsPending, podsPendingSeconds, longestPodPendingSeconds: workload pods not bound to a node, sampled every second; evictionsAllowed / evictionsRefused: answers of the Eviction API (429 when a budget allowed no disruption; the drainer retries); pdbViolations: evictions that left a budget below its desire, deleteBudgetViolations the same by plain DELETE (both must be 0); podsLost: replicas not back and Ready at the end (must be 0); haltEvents: RolloutHalted Events; autoscaler: the group as the autoscaler reads it over gRPC each sample (NodeGroupTargetSize, NodeGroupNodes): samples, min/maxTargetSize, targetMismatches (reads whose target differed from the instances not being deleted), lastingTargetMismatches (such reads right after another; must be 0), maxDeleting; timeline: one sample a second of old (in service), draining (cordoned), new and unavailable nodes and pending / not-Ready pods, also in rollout-timeline.csv; scaleOut: rollout-scaleout-N's pods created 20 s after the change, one a node, per pod the seconds from its creation until its node was Ready, newNodes and addedP90Seconds: the pods on nodes launched after they were created, and the P90 of their seconds less the node's own drawn phases (provisioning, boot, registration, readiness); scaleOutWithoutRollout the same on a run without the change; scaleOutP90Ratio the raw P90 ratio; scaleOutAddedShare the added P90 with the rollout less without, over the P90 without (judged against 5 %: free of the runs' different latency draws)",
        ["timeScale"] = "emulated seconds per wall second: the whole world ran on one clock this much faster than real time; every figure is in emulated seconds",
    };

    public string Title => $"FastScale burst {Scenario.Name}";

    /// <summary>The sentence every page carries so no one reads the figures as wall time.</summary>
    public string ClockNote => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"Clock {TimeScale:0.##}× wall time (the whole emulated world ran {TimeScale:0.##} times faster than real); all figures in emulated seconds. Cluster tempo: {ClusterTempo.Describe()}.");
}
