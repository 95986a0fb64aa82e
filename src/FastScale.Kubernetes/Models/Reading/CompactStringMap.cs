using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace FastScale.Kubernetes.Models.Reading;

/// <summary>A read-only string map for the handful of entries labels and resource requests usually hold: keys and
/// values side by side in one exact-size array, looked up by a linear scan. A two-entry Dictionary costs about 200
/// bytes of buckets and entries; this costs about 80. Keeps the order entries were added in, as Dictionary does.</summary>
internal sealed class CompactStringMap : IReadOnlyDictionary<string, string>
{
    /// <summary>Beyond this many entries a scan stops being cheaper than hashing; the reader builds a Dictionary.</summary>
    public const int MaxEntries = 8;

    /// <summary>key0, value0, key1, value1, ...</summary>
    private readonly string[] _entries;

    /// <param name="entries">Owned by the map from now on; keys distinct.</param>
    public CompactStringMap(string[] entries)
    {
        _entries = entries;
    }

    public int Count => _entries.Length / 2;

    public IEnumerable<string> Keys => this.Select(e => e.Key);

    public IEnumerable<string> Values => this.Select(e => e.Value);

    public string this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The given key '{key}' was not present in the dictionary.");

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _entries[index + 1] : null;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < _entries.Length; i += 2)
        {
            yield return new KeyValuePair<string, string>(_entries[i], _entries[i + 1]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Of the entries in order; for <see cref="SharedValues"/>, not <see cref="object.GetHashCode"/>, which stays
    /// reference-based as Dictionary's is.</summary>
    public int ContentHash()
    {
        var hash = new HashCode();
        foreach (var item in _entries)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public static bool SameContent(CompactStringMap a, CompactStringMap b) =>
        a._entries.AsSpan().SequenceEqual(b._entries);

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var i = 0; i < _entries.Length; i += 2)
        {
            if (string.Equals(_entries[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
