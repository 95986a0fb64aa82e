using FastScale.Engine.Observability;
namespace FastScale.Metrics;

public sealed class PrometheusExporterOptions
{
    /// <summary>Meters whose name starts with this (ordinal) are exported. Default "FastScale".</summary>
    public string MeterPrefix { get; set; } = "FastScale";

    /// <summary>
    /// Label sets kept per family; measurements with a new label set beyond it are dropped and logged once. Default
    /// 1,000: our labels are low-cardinality (group, action, outcome, method, code), so reaching it means a bug.
    /// </summary>
    public int MaxSeriesPerFamily { get; set; } = 1000;

    /// <summary>Series shown at zero from the moment their instrument is created, before any measurement.</summary>
    public IReadOnlyList<MetricSeriesDeclaration> DeclaredSeries { get; set; } = [];

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrEmpty(MeterPrefix))
        {
            problems.Add("MeterPrefix must not be empty");
        }

        if (MaxSeriesPerFamily < 1)
        {
            problems.Add($"MaxSeriesPerFamily must be at least 1, got {MaxSeriesPerFamily}");
        }

        return problems;
    }
}
