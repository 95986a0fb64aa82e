namespace FastScale.Burst.Reports;

/// <summary>
/// Which keys of a run's <c>cloudCalls</c> are the upstream provider's calls to ESS's OpenAPI rather than ECS actions:
/// the upstream baseline counts them under <c>ESS:Action</c>. The tables sum them in one row and list them under it,
/// so eight ESS actions do not crowd out the ECS ones.
/// </summary>
internal static class EssCallKeys
{
    public const string Prefix = Baselines.UpstreamBaseline.EssCallPrefix;

    public static bool IsEss(string action) => action.StartsWith(Prefix, StringComparison.Ordinal);

    public static long Total(IReadOnlyDictionary<string, long> calls) => calls.Where(c => IsEss(c.Key)).Sum(c => c.Value);
}
