using System.Globalization;

namespace FastScale.LoadTests.Grpc;

/// <summary>Collects call latencies (in timestamp ticks) and summarises them as percentiles and a rate.</summary>
internal sealed class LatencyRecorder(TimeProvider time)
{
    private readonly List<double> _milliseconds = [];
    private long _started;
    private long _stopped;

    public void Start() => _started = time.GetTimestamp();

    public void Stop() => _stopped = time.GetTimestamp();

    public async Task<T> MeasureAsync<T>(Func<Task<T>> call)
    {
        var before = time.GetTimestamp();
        var result = await call();
        var elapsed = time.GetElapsedTime(before);
        lock (_milliseconds)
        {
            _milliseconds.Add(elapsed.TotalMilliseconds);
        }

        return result;
    }

    public string Summary(string name)
    {
        var sorted = _milliseconds.Order().ToArray();
        var seconds = time.GetElapsedTime(_started, _stopped).TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"{name,-34} calls {sorted.Length,7}  p50 {Percentile(sorted, 0.50),8:0.000} ms  p99 {Percentile(sorted, 0.99),8:0.000} ms  max {sorted[^1],8:0.000} ms  {sorted.Length / seconds,9:0} calls/s");
    }

    public int Count
    {
        get
        {
            lock (_milliseconds)
            {
                return _milliseconds.Count;
            }
        }
    }

    public double P99 => Percentile([.. _milliseconds.Order()], 0.99);

    private static double Percentile(double[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
