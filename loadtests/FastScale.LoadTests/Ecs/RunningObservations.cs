using FastScale.Ecs.Actions;
using FastScale.Simulation.Ecs;
using FastScale.Simulation.Ecs.Instances;

namespace FastScale.LoadTests.Ecs;

/// <summary>
/// Checks DescribeInstances answers against the latency model's own samples. An instance that has only been created
/// (never stopped) must read Running exactly when its sampled RunningAt lies before the emulator answered: reading it
/// not Running although RunningAt was before the call was sent means the emulator fell behind its clock; reading it
/// Running although RunningAt was after the answer arrived means it ran ahead. Also records, per instance, how long
/// after its sampled RunningAt the load first saw it Running (that includes the polling gap). Thread-safe.
/// </summary>
internal sealed class RunningObservations(EcsEmulator emulator)
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _seenRunning = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private readonly List<double> _firstSeenLagMs = [];

    public long Checked { get; private set; }

    public long Behind { get; private set; }

    public long Ahead { get; private set; }

    public double WorstBehindMs { get; private set; }

    public IReadOnlyList<double> FirstSeenLagMs
    {
        get
        {
            lock (_lock)
            {
                return [.. _firstSeenLagMs.Order()];
            }
        }
    }

    /// <summary>Instances the load stopped or started no longer follow their creation sample.</summary>
    public void MarkChanged(IEnumerable<string> ids)
    {
        lock (_lock)
        {
            _changed.UnionWith(ids);
        }
    }

    public void Check(IReadOnlyList<EcsInstance> answer, DateTimeOffset sentAt, DateTimeOffset receivedAt)
    {
        foreach (var instance in answer)
        {
            if (emulator.Instance(instance.InstanceId) is not { Latency.Kind: LaunchKind.Create } snapshot)
            {
                continue;
            }

            lock (_lock)
            {
                if (_changed.Contains(instance.InstanceId))
                {
                    continue;
                }

                Checked++;
                var runningAt = snapshot.Latency.RunningAt;
                var running = instance.Status == InstanceStatus.Running;
                if (!running && runningAt < sentAt)
                {
                    Behind++;
                    WorstBehindMs = Math.Max(WorstBehindMs, (sentAt - runningAt).TotalMilliseconds);
                }
                else if (running && runningAt > receivedAt)
                {
                    Ahead++;
                }

                if (running && _seenRunning.Add(instance.InstanceId) && runningAt >= StartedAt)
                {
                    _firstSeenLagMs.Add((receivedAt - runningAt).TotalMilliseconds);
                }
            }
        }
    }

    /// <summary>Only instances turning Running after this moment count for the first-seen lag.</summary>
    public DateTimeOffset StartedAt { get; set; } = DateTimeOffset.MaxValue;
}
