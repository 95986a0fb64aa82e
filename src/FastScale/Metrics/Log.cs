using Microsoft.Extensions.Logging;

namespace FastScale.Metrics;

internal static partial class Log
{
    [LoggerMessage(4001, LogLevel.Warning,
        "Metric instrument {Instrument} of meter {Meter} is not exported: family {Family} already exists as a {Kind} fed by another kind of instrument")]
    public static partial void FamilyConflict(ILogger logger, string instrument, string meter, string family, MetricKind kind);

    [LoggerMessage(4002, LogLevel.Warning,
        "Metric family {Family} reached {MaxSeries} label sets; new label sets are dropped (a label with unbounded values, such as an instance id?)")]
    public static partial void SeriesLimit(ILogger logger, string family, int maxSeries);
}
