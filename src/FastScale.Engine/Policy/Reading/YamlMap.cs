using YamlDotNet.RepresentationModel;

namespace FastScale.Engine.Policy.Reading;

/// <summary>
/// A mapping in the policy, opened against the keys it may hold: unknown keys, non-string keys and duplicate keys are
/// reported when it is opened; <see cref="Required"/> reports missing fields.
/// </summary>
internal sealed class YamlMap
{
    private readonly PolicyReadContext _context;
    private readonly List<(string Key, YamlScalarNode KeyNode, YamlNode Value)> _entries = [];

    /// <summary>Keys an unknown key was taken for a misspelling of: already reported, so not reported again as missing.</summary>
    private readonly HashSet<string> _suggested = new(StringComparer.Ordinal);

    private YamlMap(PolicyReadContext context, YamlField self)
    {
        _context = context;
        Self = self;
    }

    public YamlField Self { get; }

    /// <summary>
    /// Opens <paramref name="field"/> as a mapping. Returns null, with a problem reported, when it is something else;
    /// returns null silently when it is empty (<c>key:</c> or <c>~</c>), which callers treat as absent.
    /// </summary>
    /// <param name="allowedKeys">The keys this mapping may hold; null for free-form keys (labels, pacing actions).</param>
    public static YamlMap? Open(PolicyReadContext context, YamlField field, IReadOnlyList<string>? allowedKeys, string? what = null)
    {
        if (field.IsNull)
        {
            return null;
        }

        if (field.Node is not YamlMappingNode mapping)
        {
            var keys = allowedKeys is null ? "" : $" with keys {string.Join(", ", allowedKeys)}";
            context.Report(field, $"expected {what ?? "a mapping"}{keys}, got {ScalarReader.Describe(field.Node)}");
            return null;
        }

        var map = new YamlMap(context, field);
        foreach (var duplicate in context.TakeDuplicateKeys(mapping.Start.Index))
        {
            context.Report(duplicate.At, field.Child(duplicate.Key), PolicyReadContext.DuplicateMessage(duplicate));
        }

        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } scalarKey)
            {
                context.Report(keyNode.Start, field.Path, $"expected a plain string as key, got {ScalarReader.Describe(keyNode)}");
                continue;
            }

            if (allowedKeys is not null && !allowedKeys.Contains(key, StringComparer.Ordinal))
            {
                var near = NearestKey(key, allowedKeys);
                if (near is not null)
                {
                    map._suggested.Add(near);
                }

                context.Report(scalarKey.Start, field.Child(key), UnknownKey(key, near, allowedKeys));
                continue;
            }

            map._entries.Add((key, scalarKey, value));
        }

        return map;
    }

    /// <summary>Entries in file order, for mappings with free-form keys.</summary>
    public IEnumerable<(string Key, YamlScalarNode KeyNode, YamlNode Value)> Entries => _entries;

    /// <summary>The value of <paramref name="key"/>, or null when it is absent or empty.</summary>
    public YamlField? Optional(string key)
    {
        foreach (var (name, keyNode, value) in _entries)
        {
            if (name == key)
            {
                var field = Self.Entry(key, keyNode, value);
                return field.IsNull ? null : field;
            }
        }

        return null;
    }

    /// <summary>
    /// The value of <paramref name="key"/>; when absent or empty, reports it as required at this mapping's position
    /// (unless a misspelling of it was already reported as an unknown key).
    /// </summary>
    public YamlField? Required(string key, string hint)
    {
        var field = Optional(key);
        if (field is null && !_suggested.Contains(key))
        {
            _context.Report(Self.At, Self.Child(key), $"required: {hint}");
        }

        return field;
    }

    private static string? NearestKey(string key, IReadOnlyList<string> allowedKeys) =>
        key == "<<" ? null
            : allowedKeys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase))
              ?? allowedKeys.FirstOrDefault(k => EditDistance(k, key) <= 2);

    private static string UnknownKey(string key, string? near, IReadOnlyList<string> allowedKeys)
    {
        var allowed = $"allowed keys: {string.Join(", ", allowedKeys)}";
        if (key == "<<")
        {
            return $"merge keys (<<) are not supported; write the fields out. {allowed}";
        }

        return near is null ? $"unknown key '{key}'; {allowed}" : $"unknown key '{key}' (did you mean '{near}'?); {allowed}";
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
