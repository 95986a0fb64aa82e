namespace FastScale.Burst.Reports;

/// <summary>Writes report.json, report.md and report.html into a folder (created if missing).</summary>
internal static class ReportWriter
{
    public static async Task WriteAsync(BurstReport report, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "report.json"), ReportJson.Render(report), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "report.md"), ReportMarkdown.Render(report), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "report.html"), ReportHtml.Render(report), cancellationToken);
    }
}
