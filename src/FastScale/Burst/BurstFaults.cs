using FastScale.Simulation.Ecs;

namespace FastScale.Burst;

/// <summary>
/// The faults a scenario injects in the middle of its burst, as data: each starts a set time after t = 0 and lasts a
/// set time, all in emulated time (the simulators' clocks are the run's scaled clock, so a fault of 30 s lasts 30 s of
/// the burst at any tempo). Null parts are not injected.
/// </summary>
internal sealed record BurstFaults(ApiOutage? Outage = null, ApiSlowness? Slowness = null, EcsBrownoutSpec? Brownout = null)
{
    /// <summary>Schedules every fault on the world, counted from <paramref name="t0"/>.</summary>
    public void Apply(BurstWorld world, DateTimeOffset t0)
    {
        ArgumentNullException.ThrowIfNull(world);
        if (Outage is { } outage)
        {
            world.Cluster.Faults.ScheduleOutage(t0 + outage.Start, outage.Duration);
        }

        if (Slowness is { } slow)
        {
            world.Cluster.Faults.ScheduleSlowness(t0 + slow.Start, slow.Duration, slow.Delay);
        }

        if (Brownout is { } brownout)
        {
            world.Ecs.Brownout.Schedule(new BrownoutWindow(t0 + brownout.Start, brownout.Duration, brownout.FailureShare, brownout.Timeout));
        }
    }
}

/// <summary>
/// The API server refuses every connection (resets them, open watches included) from <see cref="Start"/> for
/// <see cref="Duration"/>. <see cref="RepairDeadline"/> is the registration timeout the scenario gives repair (plus the
/// provisioning queue's N / 30 s): short enough that a repairer judging the stale view would replace nodes that only
/// could not report while the API was away.
/// </summary>
internal sealed record ApiOutage(TimeSpan Start, TimeSpan Duration, TimeSpan RepairDeadline);

/// <summary>Every API request arriving from <see cref="Start"/> for <see cref="Duration"/> waits <see cref="Delay"/> first.</summary>
internal sealed record ApiSlowness(TimeSpan Start, TimeSpan Duration, TimeSpan Delay);

/// <summary>
/// From <see cref="Start"/> for <see cref="Duration"/>, <see cref="FailureShare"/> of the provider's ECS calls fail: half
/// answered 503 at once, half carried out with the answer withheld until the connection drops after <see cref="Timeout"/>.
/// </summary>
internal sealed record EcsBrownoutSpec(TimeSpan Start, TimeSpan Duration, double FailureShare, TimeSpan Timeout);
