namespace FastScale.Burst.Reports;

/// <summary>
/// Reads the tables back out of report.md, so the Markdown stays the one source of the rows that report.html and the
/// console summary show.
/// </summary>
internal static class MarkdownTables
{
    /// <summary>Each table in order, as rows of trimmed cells; the header is the first row, the separator row is dropped.</summary>
    public static IReadOnlyList<IReadOnlyList<string[]>> Parse(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var tables = new List<IReadOnlyList<string[]>>();
        var rows = new List<string[]>();
        foreach (var line in markdown.Split('\n').Append(""))
        {
            if (line.StartsWith('|'))
            {
                if (!line.StartsWith("|---", StringComparison.Ordinal))
                {
                    rows.Add([.. line.Trim().Trim('|').Split('|').Select(c => c.Trim())]);
                }

                continue;
            }

            if (rows.Count > 0)
            {
                tables.Add(rows);
                rows = [];
            }
        }

        return tables;
    }
}
