namespace FastScale.Burst.Reports;

/// <summary>Writes report.json, report.md and report.html (and a rollout's rollout-timeline.csv) into a folder (created if missing).</summary>
internal static class ReportWriter
{
    public static async Task WriteAsync(BurstReport report, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "report.json"), ReportJson.Render(report), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "report.md"), ReportMarkdown.Render(report), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "report.html"), ReportHtml.Render(report), cancellationToken);
        if (report.FastScale.Rollout is { } rollout)
        {
            // The timeline in report.json too; the CSV is for a spreadsheet or gnuplot.
            await File.WriteAllTextAsync(Path.Combine(folder, RolloutNote.CsvFileName), RolloutNote.Csv(rollout), cancellationToken);
        }
    }
}
