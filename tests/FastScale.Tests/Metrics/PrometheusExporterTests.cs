using System.Diagnostics.Metrics;
using FastScale.Metrics;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastScale.Tests.Metrics;

public sealed class PrometheusExporterTests : IDisposable
{
    private readonly TestMeterFactory _factory = new();
    private readonly Meter _meter;
    private readonly PrometheusExporter _exporter;

    public PrometheusExporterTests()
    {
        _meter = _factory.Create(new MeterOptions("FastScale.Test"));
        _exporter = new PrometheusExporter(_factory, NullLogger<PrometheusExporter>.Instance, new PrometheusExporterOptions { MaxSeriesPerFamily = 3 });
    }

    public void Dispose()
    {
        _exporter.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public void Scrape_Counter_IsOneFamilyWithHelpTypeAndTotalSuffix()
    {
        var counter = _meter.CreateCounter<long>("fastscale_things", description: "Things done.");
        counter.Add(2, new KeyValuePair<string, object?>("kind", "a"));
        counter.Add(3, new KeyValuePair<string, object?>("kind", "a"));
        counter.Add(1, new KeyValuePair<string, object?>("kind", "b"));

        Assert.Equal(
            "# HELP fastscale_things_total Things done.\n" +
            "# TYPE fastscale_things_total counter\n" +
            "fastscale_things_total{kind=\"a\"} 5\n" +
            "fastscale_things_total{kind=\"b\"} 1\n",
            _exporter.Scrape());
    }

    [Fact]
    public void Scrape_CounterNamedWithTotal_KeepsOneTotalSuffix()
    {
        _meter.CreateCounter<long>("fastscale_calls_total", description: "Calls.").Add(1);

        var text = _exporter.Scrape();

        Assert.Contains("# TYPE fastscale_calls_total counter\nfastscale_calls_total 1\n", text);
        Assert.DoesNotContain("_total_total", text);
    }

    [Fact]
    public void Scrape_NegativeOrNaNCounterIncrement_IsIgnored()
    {
        var counter = _meter.CreateCounter<double>("fastscale_amount_total", description: "Amount.");
        counter.Add(1.5);
        counter.Add(-1);
        counter.Add(double.NaN);

        Assert.Contains("fastscale_amount_total 1.5\n", _exporter.Scrape());
    }

    [Fact]
    public void Scrape_Histogram_HasCumulativeBucketsInfSumAndCount()
    {
        var histogram = _meter.CreateHistogram("fastscale_wait_seconds", unit: "s", description: "Waits.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1, 10] });
        foreach (var value in new[] { 0.05, 0.1, 0.5, 2, 20 })
        {
            histogram.Record(value, new KeyValuePair<string, object?>("group", "g1"));
        }

        Assert.Equal(
            "# HELP fastscale_wait_seconds Waits.\n" +
            "# TYPE fastscale_wait_seconds histogram\n" +
            "fastscale_wait_seconds_bucket{group=\"g1\",le=\"0.1\"} 2\n" +
            "fastscale_wait_seconds_bucket{group=\"g1\",le=\"1\"} 3\n" +
            "fastscale_wait_seconds_bucket{group=\"g1\",le=\"10\"} 4\n" +
            "fastscale_wait_seconds_bucket{group=\"g1\",le=\"+Inf\"} 5\n" +
            "fastscale_wait_seconds_sum{group=\"g1\"} 22.65\n" +
            "fastscale_wait_seconds_count{group=\"g1\"} 5\n",
            _exporter.Scrape());
    }

    [Fact]
    public void DeclaredSeries_ShowAtZeroBeforeAnyMeasurement_AndThenCount()
    {
        using var factory = new TestMeterFactory();
        using var exporter = new PrometheusExporter(factory, NullLogger<PrometheusExporter>.Instance, new PrometheusExporterOptions
        {
            DeclaredSeries = [.. FastScale.Engine.Observability.MetricSeriesDeclaration.PerGroup(["g1", "g2"], "fastscale_wait_seconds", "fastscale_raises_total")],
        });
        var meter = factory.Create(new MeterOptions("FastScale.Test"));
        var histogram = meter.CreateHistogram("fastscale_wait_seconds", unit: "s", description: "Waits.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1] });
        meter.CreateCounter<long>("fastscale_raises_total", description: "Raises.");

        var text = exporter.Scrape();
        Assert.Contains("fastscale_wait_seconds_bucket{group=\"g2\",le=\"1\"} 0\n", text);
        Assert.Contains("fastscale_wait_seconds_bucket{group=\"g2\",le=\"+Inf\"} 0\n", text);
        Assert.Contains("fastscale_wait_seconds_count{group=\"g2\"} 0\n", text);
        Assert.Contains("fastscale_raises_total{group=\"g1\"} 0\n", text);

        histogram.Record(0.5, new KeyValuePair<string, object?>("group", "g2"));
        Assert.Contains("fastscale_wait_seconds_count{group=\"g2\"} 1\n", exporter.Scrape());
    }

    [Fact]
    public void Scrape_SecondsHistogramWithoutAdvice_UsesTheSecondsDefaults()
    {
        _meter.CreateHistogram<double>("fastscale_ready", unit: "s", description: "Ready.").Record(42);

        var text = _exporter.Scrape();

        Assert.Contains("# TYPE fastscale_ready_seconds histogram\n", text);
        var bounds = HistogramBuckets.Seconds.Select(PrometheusText.Number).Append("+Inf").ToList();
        var rendered = text.Split('\n').Where(l => l.StartsWith("fastscale_ready_seconds_bucket", StringComparison.Ordinal)).ToList();
        Assert.Equal(bounds.Select(b => $"le=\"{b}\""), rendered.Select(l => l[(l.IndexOf('{') + 1)..l.IndexOf('}')]));
        Assert.Contains("fastscale_ready_seconds_bucket{le=\"60\"} 1\n", text);
        Assert.Contains("fastscale_ready_seconds_bucket{le=\"30\"} 0\n", text);
    }

    [Fact]
    public void Scrape_LabelValues_EscapeBackslashQuoteAndNewline()
    {
        _meter.CreateCounter<long>("fastscale_odd_total", description: "Odd.")
            .Add(1, new KeyValuePair<string, object?>("reason", "a\\b \"c\"\nd"));

        Assert.Contains("fastscale_odd_total{reason=\"a\\\\b \\\"c\\\"\\nd\"} 1\n", _exporter.Scrape());
    }

    [Fact]
    public void Scrape_Help_EscapesBackslashAndNewlineOnly()
    {
        _meter.CreateObservableGauge("fastscale_help", () => 1, description: "C:\\path \"quoted\"\nsecond line");

        Assert.Contains("# HELP fastscale_help C:\\\\path \"quoted\"\\nsecond line\n", _exporter.Scrape());
    }

    [Fact]
    public void Scrape_NamesWithDotsAndDashes_AreSanitised()
    {
        _meter.CreateCounter<long>("fastscale.odd-name", description: "Odd.").Add(1, new KeyValuePair<string, object?>("a.b", "x"));

        Assert.Contains("fastscale_odd_name_total{a_b=\"x\"} 1\n", _exporter.Scrape());
    }

    [Fact]
    public void Scrape_FamiliesByNameSeriesByLabels_WhateverTheRecordingOrder()
    {
        var zeta = _meter.CreateCounter<long>("fastscale_zeta_total", description: "Z.");
        var alpha = _meter.CreateCounter<long>("fastscale_alpha_total", description: "A.");
        zeta.Add(1, new KeyValuePair<string, object?>("x", "2"));
        alpha.Add(1);
        zeta.Add(1, new KeyValuePair<string, object?>("x", "1"));

        var lines = _exporter.Scrape().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(
            [
                "# HELP fastscale_alpha_total A.", "# TYPE fastscale_alpha_total counter", "fastscale_alpha_total 1",
                "# HELP fastscale_zeta_total Z.", "# TYPE fastscale_zeta_total counter",
                "fastscale_zeta_total{x=\"1\"} 1", "fastscale_zeta_total{x=\"2\"} 1",
            ],
            lines);
        Assert.Equal(_exporter.Scrape(), _exporter.Scrape());
    }

    [Fact]
    public void Scrape_SameTagsInAnotherOrder_AreOneSeriesWithSortedLabels()
    {
        var counter = _meter.CreateCounter<long>("fastscale_calls_total", description: "Calls.");
        counter.Add(1, new("outcome", "success"), new("action", "RunInstances"));
        counter.Add(1, new("action", "RunInstances"), new("outcome", "success"));

        Assert.Contains("fastscale_calls_total{action=\"RunInstances\",outcome=\"success\"} 2\n", _exporter.Scrape());
    }

    [Fact]
    public void Scrape_UpDownCounter_IsAGaugeThatGoesDown()
    {
        var inFlight = _meter.CreateUpDownCounter<long>("fastscale_in_flight", description: "In flight.");
        inFlight.Add(3);
        inFlight.Add(-2);

        Assert.Contains("# TYPE fastscale_in_flight gauge\nfastscale_in_flight 1\n", _exporter.Scrape());
    }

    [Fact]
    public void Scrape_ObservableInstruments_ReportTheLatestValuesAndDropVanishedSeries()
    {
        var groups = new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 };
        _meter.CreateObservableGauge("fastscale_size",
            () => groups.Select(g => new Measurement<int>(g.Value, new KeyValuePair<string, object?>("group", g.Key))).ToList(),
            description: "Size.");
        var total = 10L;
        _meter.CreateObservableCounter("fastscale_seen_total", () => total, description: "Seen.");
        Assert.Contains("fastscale_size{group=\"b\"} 2\n", _exporter.Scrape());

        groups.Remove("b");
        groups["a"] = 7;
        total = 12;
        var text = _exporter.Scrape();

        Assert.Contains("fastscale_size{group=\"a\"} 7\n", text);
        Assert.DoesNotContain("group=\"b\"", text);
        Assert.Contains("# TYPE fastscale_seen_total counter\nfastscale_seen_total 12\n", text);
    }

    [Fact]
    public void Scrape_MetersOfAnotherFactoryOrWithoutThePrefix_AreNotExported()
    {
        using var otherFactory = new TestMeterFactory();
        otherFactory.Create(new MeterOptions("FastScale.Test")).CreateCounter<long>("fastscale_other_total").Add(1);
        using var unscoped = new Meter("FastScale.Test");
        unscoped.CreateCounter<long>("fastscale_unscoped_total").Add(1);
        _factory.Create(new MeterOptions("Microsoft.AspNetCore.Hosting")).CreateCounter<long>("http_requests_total").Add(1);

        Assert.Equal("", _exporter.Scrape());
    }

    [Fact]
    public void Scrape_BeyondTheSeriesLimit_NewLabelSetsAreDropped()
    {
        var counter = _meter.CreateCounter<long>("fastscale_many_total", description: "Many.");
        for (var i = 0; i < 5; i++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("id", $"i-{i}"));
        }

        counter.Add(1, new KeyValuePair<string, object?>("id", "i-0"));
        var text = _exporter.Scrape();

        Assert.Equal(3, text.Split('\n').Count(l => l.StartsWith("fastscale_many_total{", StringComparison.Ordinal)));
        Assert.Contains("fastscale_many_total{id=\"i-0\"} 2\n", text);
    }

    [Fact]
    public async Task Scrape_ConcurrentRecording_CountsEveryMeasurement()
    {
        var counter = _meter.CreateCounter<long>("fastscale_hits_total", description: "Hits.");
        var histogram = _meter.CreateHistogram<double>("fastscale_hit_seconds", unit: "s", description: "Hit time.");
        var tag = new KeyValuePair<string, object?>("method", "NodeGroupForNode");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                counter.Add(1, tag);
                histogram.Record(0.0002, tag);
            }
        })));
        var text = _exporter.Scrape();

        Assert.Contains("fastscale_hits_total{method=\"NodeGroupForNode\"} 80000\n", text);
        Assert.Contains("fastscale_hit_seconds_count{method=\"NodeGroupForNode\"} 80000\n", text);
        Assert.Contains("fastscale_hit_seconds_bucket{method=\"NodeGroupForNode\",le=\"0.001\"} 80000\n", text);
    }

    [Fact]
    public async Task Scrape_EveryInstrumentKind_PassesPromtool()
    {
        _meter.CreateCounter<long>("fastscale_c_total", description: "C.").Add(1, new KeyValuePair<string, object?>("l", "x\"y\\z\nw"));
        _meter.CreateHistogram<double>("fastscale_latency", unit: "s", description: "Latency.").Record(0.3);
        _meter.CreateUpDownCounter<int>("fastscale_queue_depth", description: "Queue depth.").Add(-1);
        _meter.CreateObservableGauge("fastscale_ratio", () => 1.5, description: "G.\nwith \\ backslash");
        _meter.CreateGauge<double>("fastscale_level", description: "Level.").Record(double.PositiveInfinity);
        _meter.CreateCounter<long>("fastscale_never_total", description: "Never counted.");

        await Promtool.AssertValidAsync(_exporter.Scrape());
    }
}
