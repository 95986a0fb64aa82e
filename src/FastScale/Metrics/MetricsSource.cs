namespace FastScale.Metrics;

/// <summary>
/// A component that owns observable instruments and that nothing else depends on (per-group gauges, leader status):
/// registered with <see cref="MetricsServiceCollectionExtensions.AddMetricsSource{T}"/> so that mapping /metrics
/// creates it, since a gauge exists only once its owner does.
/// </summary>
internal sealed class MetricsSource(Func<IServiceProvider, object> resolve)
{
    public object Activate(IServiceProvider services) => resolve(services);
}
