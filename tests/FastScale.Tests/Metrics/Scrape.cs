using System.Globalization;

namespace FastScale.Tests.Metrics;

/// <summary>
/// A scrape read back into samples, for assertions. Relies on the exporter writing one sample per line as
/// <c>name{labels} value</c>; label values with escapes are compared in their escaped form.
/// </summary>
internal sealed class Scrape
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    public Scrape(string text)
    {
        Text = text;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            var series = line[..space];
            var value = double.Parse(line[(space + 1)..].Replace("+Inf", "Infinity", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            var brace = series.IndexOf('{');
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (brace >= 0)
            {
                foreach (var pair in series[(brace + 1)..^1].Split("\",", StringSplitOptions.RemoveEmptyEntries))
                {
                    var equals = pair.IndexOf('=');
                    labels[pair[..equals]] = pair[(equals + 2)..].TrimEnd('"');
                }
            }

            _samples.Add((brace >= 0 ? series[..brace] : series, labels, value));
        }
    }

    public string Text { get; }

    /// <summary>The value of the one sample of <paramref name="name"/> carrying these labels (others may be present), or null.</summary>
    public double? Value(string name, params (string Name, string Value)[] labels)
    {
        var matches = _samples
            .Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value))
            .ToList();
        Assert.True(matches.Count <= 1, $"{matches.Count} samples of {name} match; add labels");
        return matches.Count == 1 ? matches[0].Value : null;
    }

    public double ValueOrZero(string name, params (string Name, string Value)[] labels) => Value(name, labels) ?? 0;

    /// <summary>True when at least one sample is named <paramref name="name"/> (a histogram's <c>_bucket</c> included).</summary>
    public bool HasSample(string name) => _samples.Any(s => s.Name == name);

    /// <summary>True when a family of that name has its TYPE line, whatever its type.</summary>
    public bool HasAnyFamily(string name) => Text.Contains($"# TYPE {name} ", StringComparison.Ordinal);

    /// <summary>True when the family has its HELP and TYPE lines.</summary>
    public bool HasFamily(string name, string type) =>
        Text.Contains($"# HELP {name} ", StringComparison.Ordinal) && Text.Contains($"# TYPE {name} {type}\n", StringComparison.Ordinal);
}
