using FastScale.Burst;
using FastScale.Kubernetes.Models;
using FastScale.Simulation.Nodes;

namespace FastScale.Plan;

/// <summary>
/// The pods of a plan and the scheduler that places them, on the plan's clock. The scheduling itself is the cluster
/// simulator's (<see cref="SchedulingCycle"/> over the Nodes of <see cref="PlanKubelets"/>, <see cref="PodDemand"/>),
/// run with the <see cref="SchedulerSimulator"/>'s cadence (<see cref="SchedulerSimulatorOptions"/>: on every change,
/// at least <c>MinCycleGap</c> apart, and every <c>CycleInterval</c>). What it writes, a binding or a
/// <c>PodScheduled=False, Unschedulable</c> condition, reaches the provider through two <see cref="PlanInformer{T}"/>s
/// with the field selectors serve's pending-pod source and bound-pod ledger watch with.
/// </summary>
/// <remarks>
/// The burst's pods (<see cref="PendingPodDriver.PodFor"/>) all exist at t = 0, as at the burst's instant tempo. The
/// API's own delays are absent: a bind or a status write lands at once, where a burst's takes a loopback round trip.
/// </remarks>
internal sealed class PlanPods : IDisposable
{
    private const string SchedulerName = "default-scheduler";

    private readonly PlanKubelets _kubelets;
    private readonly TimeProvider _time;
    private readonly SchedulerSimulatorOptions _options;
    private readonly Dictionary<string, Pod> _pods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UnschedulableRecord> _unschedulable = new(StringComparer.Ordinal);
    private readonly ITimer _cycle;
    private DateTimeOffset _lastCycle = DateTimeOffset.MinValue;
    private DateTimeOffset _nextCycle;

    public PlanPods(PlanKubelets kubelets, TimeProvider time, SchedulerSimulatorOptions? options = null)
    {
        (_kubelets, _time, _options) = (kubelets, time, options ?? new SchedulerSimulatorOptions());
        Pending = new PlanInformer<Pod>(SchedulingCycle.KeyOf, pod => string.IsNullOrEmpty(pod.Spec?.NodeName) && !SchedulingCycle.IsTerminal(pod));
        Bound = new PlanInformer<Pod>(SchedulingCycle.KeyOf, pod => !string.IsNullOrEmpty(pod.Spec?.NodeName) && !SchedulingCycle.IsTerminal(pod));
        _nextCycle = time.GetUtcNow() + _options.CycleInterval;
        _cycle = time.CreateTimer(static s => ((PlanPods)s!).Cycle(), this, _options.CycleInterval, Timeout.InfiniteTimeSpan);
        kubelets.NodesChanged = Signal;
    }

    /// <summary>Unbound, unfinished pods: what serve's pending-pod informer lists and watches.</summary>
    public PlanInformer<Pod> Pending { get; }

    /// <summary>Bound, unfinished pods: what serve's bound-pod ledger lists and watches.</summary>
    public PlanInformer<Pod> Bound { get; }

    public int BoundCount => Bound.Count;

    /// <summary>When the scheduler first marked a pod Unschedulable; null until it has.</summary>
    public DateTimeOffset? FirstUnschedulableAt { get; private set; }

    /// <summary>Pods the scheduler has been through (bound, or marked Unschedulable): what the autoscaler plans for.</summary>
    public int SeenByScheduler => Bound.Count + _unschedulable.Count;

    /// <summary>Creates the burst's <paramref name="count"/> pods now, as a Deployment scaled up would.</summary>
    public void Create(int count)
    {
        var now = _time.GetUtcNow();
        for (var i = 0; i < count; i++)
        {
            var pod = PendingPodDriver.PodFor(i);
            pod = pod with { Metadata = pod.Metadata! with { Uid = "plan-" + pod.Metadata.Name, CreationTimestamp = now } };
            Write(pod);
        }

        Signal();
    }

    public void Dispose() => _cycle.Dispose();

    /// <summary>Something changed: a cycle runs as soon as the gap since the last one allows.</summary>
    private void Signal()
    {
        var now = _time.GetUtcNow();
        var due = _lastCycle + _options.MinCycleGap > now ? _lastCycle + _options.MinCycleGap : now;
        if (due < _nextCycle)
        {
            _nextCycle = due;
            _cycle.Change(due - now, Timeout.InfiniteTimeSpan);
        }
    }

    private void Cycle()
    {
        var now = _time.GetUtcNow();
        _lastCycle = now;
        _nextCycle = now + _options.CycleInterval;
        _cycle.Change(_options.CycleInterval, Timeout.InfiniteTimeSpan);
        if (Pending.Count == 0)
        {
            // Nothing to place: a cycle over every Node for no pod was most of a 1,000-node cold plan's wall time.
            return;
        }

        var plan = SchedulingCycle.Plan(_kubelets.Nodes(), [.. _pods.Values], new Dictionary<string, string>(), PodDemand.Of, SchedulerName);
        foreach (var (pod, node) in plan.Bindings)
        {
            _unschedulable.Remove(SchedulingCycle.KeyOf(pod));
            Write(pod with { Spec = pod.Spec! with { NodeName = node } });
        }

        foreach (var (pod, message) in plan.Unschedulable)
        {
            if (UnschedulableCondition(pod, message, now) is { } condition)
            {
                var conditions = (pod.Status?.Conditions ?? []).Where(c => c.Type != "PodScheduled").Append(condition).ToList();
                Write(pod with { Status = (pod.Status ?? new PodStatus()) with { Conditions = conditions } });
            }
        }
    }

    /// <summary>As <see cref="SchedulerSimulator"/> writes it: kept since the pod first became unschedulable, and
    /// rewritten for a new wording at most every <c>MessageRefreshInterval</c>; null when nothing needs writing.</summary>
    private PodCondition? UnschedulableCondition(Pod pod, string message, DateTimeOffset now)
    {
        var key = SchedulingCycle.KeyOf(pod);
        if (_unschedulable.TryGetValue(key, out var written)
            && (written.Message == message || now - written.WrittenAt < _options.MessageRefreshInterval))
        {
            return null;
        }

        var since = written?.Since ?? now;
        FirstUnschedulableAt ??= now;
        _unschedulable[key] = new UnschedulableRecord(since, message, now);
        return new PodCondition { Type = "PodScheduled", Status = "False", Reason = "Unschedulable", Message = message, LastTransitionTime = since };
    }

    private void Write(Pod pod)
    {
        _pods[SchedulingCycle.KeyOf(pod)] = pod;
        Pending.Put(pod);
        Bound.Put(pod);
    }

    private sealed record UnschedulableRecord(DateTimeOffset Since, string Message, DateTimeOffset WrittenAt);
}
