namespace FastScale.Ecs.Signing;

/// <summary>The sorted, percent-encoded <c>k=v&amp;k=v</c> form both signature versions sign.</summary>
internal static class CanonicalQuery
{
    /// <summary>
    /// Names and values are encoded first and then sorted by encoded name (ties by encoded value), ordinal, so a
    /// verifier that decoded the received query gets the same string whatever escaping the sender used.
    /// </summary>
    public static string Build(IEnumerable<KeyValuePair<string, string>> parameters, string? excludedName = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var encoded = new List<(string Name, string Value)>();
        foreach (var (name, value) in parameters)
        {
            if (excludedName is not null && string.Equals(name, excludedName, StringComparison.Ordinal))
            {
                continue;
            }

            encoded.Add((AcsPercentEncoding.Encode(name), AcsPercentEncoding.Encode(value ?? string.Empty)));
        }

        encoded.Sort(static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join('&', encoded.Select(static p => p.Name + "=" + p.Value));
    }
}
