using System.Text;

namespace FastScale.Burst.Reports;

/// <summary>
/// The summary <c>fastscale burst</c> prints: report.md's tables as aligned plain text (FastScale, the upstream and the
/// naive baselines side by side), its P90 verdict, the upstream provider's ESS calls, and what "—" means when a
/// percentile is not reached.
/// </summary>
internal static class ReportConsole
{
    public static string Render(BurstReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var markdown = ReportMarkdown.Render(report);
        var text = new StringBuilder();
        foreach (var table in MarkdownTables.Parse(markdown))
        {
            var widths = Enumerable.Range(0, table.Max(r => r.Length))
                .Select(c => table.Max(r => c < r.Length ? r[c].Length : 0))
                .ToArray();
            for (var i = 0; i < table.Count; i++)
            {
                // The label column reads left to right; the figures line up on their last digit.
                var cells = table[i].Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]));
                text.Append("  ").AppendJoin("  ", cells).AppendLine();
                if (i == 0)
                {
                    text.Append("  ").AppendJoin("  ", widths.Select(w => new string('-', w))).AppendLine();
                }
            }

            text.AppendLine();
        }

        foreach (var line in ReportMarkdown.Notes(markdown))
        {
            text.Append("  ").AppendLine(line);
        }

        return text.ToString();
    }
}
