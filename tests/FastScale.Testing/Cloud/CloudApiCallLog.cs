using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace FastScale.Testing.Cloud;

/// <summary>
/// Counts what the cloud API meter records, per action label, for one meter factory only (<see cref="Factory"/>), so
/// tests running in parallel, each with its own factory, never see each other's calls.
/// </summary>
public sealed class CloudApiCallLog : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string Action), long> _totals = new();

    public CloudApiCallLog()
    {
        Factory = _services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, Factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "action")
                {
                    _totals.AddOrUpdate((instrument.Name, (string)tag.Value!), value, (_, total) => total + value);
                }
            }
        });
        _listener.Start();
    }

    /// <summary>Give this to the <c>CloudApiMetrics</c> under test.</summary>
    public IMeterFactory Factory { get; }

    /// <summary>Answered calls of <paramref name="action"/> (<c>fastscale_cloud_api_calls_total</c>, every outcome).</summary>
    public long Calls(string action) => _totals.GetValueOrDefault(("fastscale_cloud_api_calls_total", action));

    /// <summary>Calls of <paramref name="action"/> sent and not yet answered.</summary>
    public long InFlight(string action) => _totals.GetValueOrDefault(("fastscale_cloud_api_in_flight", action));

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }
}
