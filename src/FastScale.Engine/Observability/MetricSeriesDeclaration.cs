namespace FastScale.Engine.Observability;

/// <summary>
/// A series an exporter shows from start-up, at zero, before its first measurement: a dashboard or an alert on a group
/// that has not scaled yet reads 0, not "no data". Each metrics type declares its own, by instrument name and tags.
/// </summary>
/// <param name="Instrument">The instrument's name, as created on its meter.</param>
/// <param name="Tags">The series' labels, e.g. <c>group</c>.</param>
public sealed record MetricSeriesDeclaration(string Instrument, IReadOnlyList<KeyValuePair<string, object?>> Tags)
{
    /// <summary>One series per group, labelled <c>group</c>, for each instrument named.</summary>
    public static IEnumerable<MetricSeriesDeclaration> PerGroup(IEnumerable<string> groupIds, params string[] instruments) =>
        from groupId in groupIds
        from instrument in instruments
        select new MetricSeriesDeclaration(instrument, [new KeyValuePair<string, object?>("group", groupId)]);
}
