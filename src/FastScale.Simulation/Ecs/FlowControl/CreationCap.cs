namespace FastScale.Simulation.Ecs.FlowControl;

/// <summary>
/// At most N instances created per calendar minute of the emulator's clock. ECS allows RunInstances and CreateInstance
/// 5,000 instances per account per minute ("API throttling", ECS documentation,
/// https://www.alibabacloud.com/help/doc-detail/437902.htm). Used under the store's lock.
/// </summary>
internal sealed class CreationCap(int perMinute)
{
    private long _minute = -1;
    private int _created;

    public int PerMinute => perMinute;

    /// <summary>How many more instances may be created in the minute of <paramref name="now"/>.</summary>
    public int Remaining(DateTimeOffset now)
    {
        Roll(now);
        return Math.Max(0, perMinute - _created);
    }

    public void Take(DateTimeOffset now, int count)
    {
        Roll(now);
        _created += count;
    }

    private void Roll(DateTimeOffset now)
    {
        var minute = now.UtcTicks / TimeSpan.TicksPerMinute;
        if (minute != _minute)
        {
            _minute = minute;
            _created = 0;
        }
    }
}
