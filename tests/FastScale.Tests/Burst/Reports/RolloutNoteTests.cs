using System.Text.Json.Nodes;
using FastScale.Burst;
using FastScale.Burst.Reports;
using FastScale.Burst.Rollout;
using FastScale.Tests.Burst.Rollout;

namespace FastScale.Tests.Burst.Reports;

/// <summary>The rollout's report pieces on synthetic figures: report.json's fields and timeline, the CSV, the paragraph, the chart.</summary>
public sealed class RolloutNoteTests
{
    private static BurstRunResult Run(RolloutFigures? rollout) => new()
    {
        Policy = BurstRunner.FastScalePolicy,
        NodesRequested = 100,
        Instances = [],
        ReadySeconds = [],
        FloorSeconds = [],
        FirstCloudCallSeconds = 0,
        AllRequestedSeconds = 1,
        CloudCalls = new Dictionary<string, long>(),
        Throttled = 0,
        Retries = 0,
        InstancesCreated = 200,
        InstancesFromWarmPool = 0,
        DuplicateInstances = 0,
        LeakedInstances = 0,
        ReplacedNodes = 100,
        InstancesByOffering = new Dictionary<string, long>(),
        DurationSeconds = 700,
        WallSeconds = 90,
        TimedOut = false,
        Rollout = rollout,
    };

    [Fact]
    public void Json_HasEveryFigureAndTheTimeline()
    {
        var json = RolloutNote.Json(RolloutChecksTests.Figures())!;

        Assert.Equal(600, (double)json["durationSeconds"]!);
        Assert.Equal(0, (long)json["pdbViolations"]!);
        Assert.Equal(0, (int)json["podsLost"]!);
        Assert.Equal(50, (long)json["evictionsRefused"]!);
        var timeline = json["timeline"]!.AsArray();
        Assert.Equal(2, timeline.Count);
        Assert.Equal(100, (int)timeline[1]!["new"]!);
        Assert.Null(RolloutNote.Json(null));
    }

    [Fact]
    public void Csv_OneRowPerSample()
    {
        var csv = RolloutNote.Csv(RolloutChecksTests.Figures()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(["seconds,old,draining,new,unavailable,podsPending,podsNotReady", "0,100,0,0,0,0,0", "600,0,0,100,0,0,0"], csv);
    }

    [Fact]
    public void Markdown_ParagraphIsAmongTheConsoleNotes_WithTheScaleOutComparison()
    {
        var figures = RolloutChecksTests.Figures() with
        {
            ScaleOut = new ScaleOutFigures(20, 20, [.. Enumerable.Repeat(37.0, 20)]),
            ScaleOutWithoutRollout = new ScaleOutFigures(20, 20, [.. Enumerable.Repeat(36.0, 20)]),
        };
        var line = RolloutNote.Line(Run(figures))!;

        Assert.StartsWith("Rollout: 100 Ready nodes running 1000 pods", line, StringComparison.Ordinal);
        Assert.Contains("(reloaded by the provider); rolled out in 600.0 s", line, StringComparison.Ordinal);
        Assert.Contains("PDB violations 0; pods lost 0", line, StringComparison.Ordinal);
        Assert.Contains("P90 37.0 s, without a rollout 36.0 s (+2.8 %)", line, StringComparison.Ordinal);
        Assert.Contains(line, ReportMarkdown.Notes("intro\n" + line + "\n"));
        Assert.Null(RolloutNote.Line(Run(null)));
    }

    [Fact]
    public void Chart_IsAnSvgWithTheFourSeries()
    {
        var svg = RolloutChart.Render(RolloutChecksTests.Figures());

        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        foreach (var name in new[] { "old", "draining", "new", "unavailable" })
        {
            Assert.Contains($">{name}<", svg, StringComparison.Ordinal);
        }
    }
}
