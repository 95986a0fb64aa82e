using System.Globalization;

namespace FastScale.Metrics;

/// <summary>
/// The tag names and values of a series, as the instrument's caller passed them (same order), with values already
/// turned into text. Two calls that pass the same tags in another order get two keys, which
/// <see cref="MetricFamily"/> maps to the same series.
/// </summary>
internal sealed class LabelKey
{
    private LabelKey(KeyValuePair<string, string>[] pairs, int hash) => (Pairs, Hash) = (pairs, hash);

    public KeyValuePair<string, string>[] Pairs { get; }

    public int Hash { get; }

    public static LabelKey From(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var pairs = new KeyValuePair<string, string>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            pairs[i] = new(tags[i].Key, ValueText(tags[i].Value));
        }

        return new LabelKey(pairs, HashOf(tags));
    }

    /// <summary>Strings pass through untouched, so string-valued tags (all of ours) cost no allocation on a lookup.</summary>
    public static string ValueText(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static int HashOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = new HashCode();
        foreach (var tag in tags)
        {
            hash.Add(tag.Key, StringComparer.Ordinal);
            hash.Add(ValueText(tag.Value), StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length != Pairs.Length)
        {
            return false;
        }

        for (var i = 0; i < tags.Length; i++)
        {
            if (!string.Equals(tags[i].Key, Pairs[i].Key, StringComparison.Ordinal) ||
                !string.Equals(ValueText(tags[i].Value), Pairs[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
