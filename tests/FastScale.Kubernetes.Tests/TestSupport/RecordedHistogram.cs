using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace FastScale.Kubernetes.Tests.TestSupport;

/// <summary>
/// The measurements of one histogram, by its <c>group</c> label, from meters of a factory of the test's own (so runs
/// in parallel never see each other's). The host's tests read the same instruments through the Prometheus exporter.
/// </summary>
internal sealed class RecordedHistogram : IMeterFactory
{
    private readonly List<Meter> _meters = [];
    private readonly ConcurrentQueue<(string? Group, double Value)> _recorded = new();
    private readonly MeterListener _listener = new();

    public RecordedHistogram(string instrument)
    {
        _listener.InstrumentPublished = (i, listener) =>
        {
            if (i.Name == instrument && i.Meter.Scope == this)
            {
                listener.EnableMeasurementEvents(i);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            string? group = null;
            foreach (var tag in tags)
            {
                group = tag.Key == "group" ? tag.Value as string : group;
            }

            _recorded.Enqueue((group, value));
        });
        _listener.Start();
    }

    public int Count(string group) => _recorded.Count(r => r.Group == group);

    public double Sum(string group) => _recorded.Where(r => r.Group == group).Sum(r => r.Value);

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(new MeterOptions(options.Name) { Version = options.Version, Tags = options.Tags, Scope = this });
        _meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        _listener.Dispose();
        foreach (var meter in _meters)
        {
            meter.Dispose();
        }
    }
}
