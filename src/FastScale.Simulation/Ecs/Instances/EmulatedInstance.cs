namespace FastScale.Simulation.Ecs.Instances;

/// <summary>
/// One emulated instance. Its status is not stored but read from a timeline of scheduled changes, so time moves it
/// through Pending → Starting → Running (or Stopping → Stopped) with no timer: whoever asks at time T sees the status of
/// T, in real time as in simulated time. Guarded by the store's lock.
/// </summary>
internal sealed class EmulatedInstance
{
    private readonly List<(DateTimeOffset At, string Status)> _timeline = [];

    public required string InstanceId { get; init; }

    /// <summary>Creation order: DescribeInstances lists and pages by it.</summary>
    public required long Sequence { get; init; }

    public required string RegionId { get; init; }

    public required string ZoneId { get; init; }

    public required string InstanceType { get; init; }

    /// <summary>vCPUs of <see cref="InstanceType"/>, from the catalog.</summary>
    public required int Cpu { get; init; }

    /// <summary>Memory of <see cref="InstanceType"/> in MiB, from the catalog.</summary>
    public required int MemoryMiB { get; init; }

    public required string ImageId { get; init; }

    public required string VpcId { get; init; }

    public required string VSwitchId { get; init; }

    public required IReadOnlyList<string> SecurityGroupIds { get; init; }

    public required string PrivateIp { get; init; }

    public required string InstanceName { get; init; }

    public required IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; }

    public string? UserData { get; init; }

    /// <summary>PostPaid (pay-as-you-go, the default) or PrePaid (subscription), as RunInstances' InstanceChargeType.</summary>
    public string ChargeType { get; init; } = "PostPaid";

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The model's samples for the latest launch; set by RunInstances and replaced by each StartInstances.</summary>
    public InstanceLatency Latency { get; set; } = null!;

    /// <summary>StopCharging or KeepCharging once stopped that way; "Not-applicable" otherwise, as ECS reports it.</summary>
    public string StoppedMode { get; set; } = "Not-applicable";

    /// <summary>Whether the instance holds compute stock (false once stopped in StopCharging mode, until started again).</summary>
    public bool HoldsStock { get; set; } = true;

    public string StockKey => LatencyModel.StockOut.KeyOf(InstanceType, ZoneId);

    public string StatusAt(DateTimeOffset now)
    {
        var status = _timeline[0].Status;
        foreach (var (at, next) in _timeline)
        {
            if (at > now)
            {
                break;
            }

            status = next;
        }

        return status;
    }

    /// <summary>When the instance is, or is scheduled to be, Running; null while stopping, stopped or stuck.</summary>
    public DateTimeOffset? RunningAt => _timeline.Count > 0 && _timeline[^1].Status == InstanceStatus.Running ? _timeline[^1].At : null;

    /// <summary>Replaces whatever was still to come after <paramref name="now"/> with new steps (in time order).</summary>
    public void Schedule(DateTimeOffset now, params (DateTimeOffset At, string Status)[] steps)
    {
        _timeline.RemoveAll(step => step.At > now);
        _timeline.AddRange(steps);
    }
}
