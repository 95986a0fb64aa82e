namespace FastScale.Simulation.Ecs.FlowControl;

/// <summary>
/// ECS flow control per action: at most N calls in any one second of the emulator's clock; the call that goes over
/// throttles the action, and it stays throttled until the start of the next minute (so one throttle can cost up to 60 s).
/// The minute rule is ECS's own: "API throttling", ECS documentation, https://www.alibabacloud.com/help/doc-detail/437902.htm
/// (an API throttled in minute T is refused until minute T+1); the per-second limits are ours to set (see
/// <see cref="EcsEmulatorOptions.QpsLimits"/>).
/// Hand-written rather than built on System.Threading.RateLimiting because that package's limiters run on real time and
/// have no "blocked until the next minute" rule. Thread-safe.
/// </summary>
internal sealed class ActionRateLimiter(IReadOnlyDictionary<string, int> limitsPerSecond)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>True if the call may go ahead; false if the action is throttled (now, or from this call on).</summary>
    public bool TryAcquire(string action, DateTimeOffset now)
    {
        if (!limitsPerSecond.TryGetValue(action, out var limit))
        {
            return true;
        }

        lock (_lock)
        {
            if (!_windows.TryGetValue(action, out var window))
            {
                window = new Window();
                _windows[action] = window;
            }

            if (now < window.BlockedUntil)
            {
                return false;
            }

            var second = now.UtcTicks / TimeSpan.TicksPerSecond;
            if (second != window.Second)
            {
                window.Second = second;
                window.Calls = 0;
            }

            window.Calls++;
            if (window.Calls <= limit)
            {
                return true;
            }

            var minuteStart = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
            window.BlockedUntil = minuteStart.AddMinutes(1);
            return false;
        }
    }

    private sealed class Window
    {
        public long Second { get; set; } = -1;

        public int Calls { get; set; }

        public DateTimeOffset BlockedUntil { get; set; } = DateTimeOffset.MinValue;
    }
}
