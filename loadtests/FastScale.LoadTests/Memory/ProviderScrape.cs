using System.Globalization;

namespace FastScale.LoadTests.Memory;

/// <summary>One read of the provider's <c>/metrics</c>: the samples of the families the memory run reads.</summary>
internal sealed class ProviderScrape
{
    private readonly List<(string Name, string Labels, double Value)> _samples = [];

    private ProviderScrape()
    {
    }

    public static ProviderScrape Parse(string text)
    {
        var scrape = new ProviderScrape();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var nameEnd = brace >= 0 && brace < space ? brace : space;
            if (space <= 0 || !double.TryParse(line.AsSpan(space + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            scrape._samples.Add((line[..nameEnd], line[nameEnd..space], value));
        }

        return scrape;
    }

    /// <summary>The sum of <paramref name="name"/>'s series whose labels include <paramref name="label"/> (e.g.
    /// <c>cache="nodes"</c>); every series when it is null. Zero when there is none.</summary>
    public double Sum(string name, string? label = null) =>
        _samples.Where(s => s.Name == name && (label is null || s.Labels.Contains(label, StringComparison.Ordinal))).Sum(s => s.Value);

    public bool Has(string name) => _samples.Any(s => s.Name == name);
}
