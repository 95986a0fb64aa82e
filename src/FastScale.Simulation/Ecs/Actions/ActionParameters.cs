using System.Globalization;
using System.Text.RegularExpressions;
using FastScale.Simulation.Ecs.Wire;

namespace FastScale.Simulation.Ecs.Actions;

/// <summary>
/// The business parameters of one call (query and form merged; on a repeated name the last wins) with typed reads.
/// A read that fails records the first problem in <see cref="Error"/> and returns a neutral value, so an action reads
/// everything and then checks once.
/// </summary>
internal sealed partial class ActionParameters(IReadOnlyList<KeyValuePair<string, string>> pairs)
{
    /// <summary>Parameters of the protocol rather than of the action: left out of idempotency fingerprints.</summary>
    private static readonly HashSet<string> CommonNames = new(StringComparer.Ordinal)
    {
        "Action", "Version", "Format", "AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce",
        "SignatureType", "Timestamp", "Signature", "SecurityToken", "BearerToken", "ClientToken",
    };

    private readonly Dictionary<string, string> _values = pairs.GroupBy(p => p.Key, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);

    public EcsError? Error { get; private set; }

    public string? Get(string name) => _values.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    public string Required(string name)
    {
        var value = Get(name);
        if (value is null)
        {
            Fail(EcsErrors.Missing(name));
        }

        return value ?? "";
    }

    public int? Int(string name, int min, int max)
    {
        if (Get(name) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Fail(EcsErrors.Invalid(name, $"an integer from {min} to {max}, got \"{text}\""));
        return null;
    }

    public bool Bool(string name)
    {
        switch (Get(name))
        {
            case null:
                return false;
            case var text when text.Equals("true", StringComparison.OrdinalIgnoreCase):
                return true;
            case var text when text.Equals("false", StringComparison.OrdinalIgnoreCase):
                return false;
            case var text:
                Fail(EcsErrors.Invalid(name, $"true or false, got \"{text}\""));
                return false;
        }
    }

    public string OneOf(string name, string fallback, params string[] allowed)
    {
        var value = Get(name) ?? fallback;
        if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            Fail(EcsErrors.Invalid(name, $"one of {string.Join(", ", allowed)}, got \"{value}\""));
        }

        return value;
    }

    /// <summary>A flattened list <c>Name.1</c>, <c>Name.2</c>, … in index order, at most <paramref name="max"/> items.</summary>
    public List<string> Indexed(string name, int max)
    {
        var items = _values
            .Select(p => (Match: IndexedName().Match(p.Key), p.Value))
            .Where(x => x.Match.Success && x.Match.Groups["name"].Value == name)
            .Select(x => (Index: long.Parse(x.Match.Groups["n"].Value, CultureInfo.InvariantCulture), x.Value))
            .OrderBy(x => x.Index)
            .Select(x => x.Value)
            .Where(v => v.Length > 0)
            .ToList();
        if (items.Count > max)
        {
            Fail(EcsErrors.Invalid($"{name}.N", $"at most {max} items, got {items.Count}"));
        }

        return items;
    }

    /// <summary><c>Tag.N.Key</c> / <c>Tag.N.Value</c>, at most 20, keys non-empty.</summary>
    public List<KeyValuePair<string, string>> Tags()
    {
        var byIndex = new SortedDictionary<int, (string? Key, string? Value)>();
        foreach (var (key, value) in _values)
        {
            var match = TagName().Match(key);
            if (!match.Success || !int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                continue;
            }

            var entry = byIndex.GetValueOrDefault(n);
            byIndex[n] = match.Groups["part"].Value == "Key" ? (value, entry.Value) : (entry.Key, value);
        }

        if (byIndex.Count > 20)
        {
            Fail(EcsErrors.Invalid("Tag.N", $"at most 20 tags, got {byIndex.Count}"));
        }

        var tags = new List<KeyValuePair<string, string>>();
        foreach (var (n, (key, value)) in byIndex)
        {
            if (string.IsNullOrEmpty(key))
            {
                Fail(EcsErrors.Missing($"Tag.{n}.Key"));
                continue;
            }

            tags.Add(new(key, value ?? ""));
        }

        return tags;
    }

    /// <summary>The action's own parameters, sorted: equal fingerprints mean "the same request" for ClientToken.</summary>
    public string Fingerprint() =>
        string.Join('&', _values.Where(p => !CommonNames.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    public void Fail(EcsError error) => Error ??= error;

    [GeneratedRegex(@"^(?<name>[A-Za-z]+)\.(?<n>\d{1,9})$")]
    private static partial Regex IndexedName();

    [GeneratedRegex(@"^Tag\.(?<n>\d{1,9})\.(?<part>Key|Value)$")]
    private static partial Regex TagName();
}
