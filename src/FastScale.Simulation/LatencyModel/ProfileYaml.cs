using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace FastScale.Simulation.LatencyModel;

/// <summary>
/// Typed reads of YAML nodes that record a <see cref="LatencyProblem"/> (file, position, field, what was expected)
/// instead of throwing, so one pass reports every problem in the file.
/// </summary>
internal sealed class ProfileYaml(string file)
{
    private readonly List<LatencyProblem> _problems = [];

    public IReadOnlyList<LatencyProblem> Problems => _problems;

    public void Report(YamlNode? node, string field, string message) =>
        _problems.Add(new LatencyProblem(file, node is null ? 0 : (int)node.Start.Line, node is null ? 0 : (int)node.Start.Column, field, message));

    /// <summary>The node as a mapping whose keys are all in <paramref name="allowed"/> (null: any key), else null.</summary>
    public Dictionary<string, YamlNode>? Mapping(YamlNode node, string field, IReadOnlyCollection<string>? allowed)
    {
        if (node is not YamlMappingNode mapping)
        {
            Report(node, field, "expected a mapping (key: value lines)");
            return null;
        }

        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (allowed is not null && !allowed.Contains(key))
            {
                Report(keyNode, Join(field, key), $"unknown field; expected one of: {string.Join(", ", allowed)}");
                continue;
            }

            result[key] = value;
        }

        return result;
    }

    public YamlNode? Required(Dictionary<string, YamlNode> map, YamlNode parent, string field, string key)
    {
        if (map.TryGetValue(key, out var value))
        {
            return value;
        }

        Report(parent, Join(field, key), "required field is missing");
        return null;
    }

    public string? Text(YamlNode node, string field)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } value })
        {
            return value;
        }

        Report(node, field, "expected a non-empty text");
        return null;
    }

    public double? Number(YamlNode node, string field, double min, double max, string expected)
    {
        if (node is YamlScalarNode { Value: { } text }
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max)
        {
            return value;
        }

        Report(node, field, $"expected {expected}");
        return null;
    }

    public bool? Flag(YamlNode node, string field)
    {
        if (node is YamlScalarNode { Value: "true" or "false" } scalar)
        {
            return scalar.Value == "true";
        }

        Report(node, field, "expected true or false");
        return null;
    }

    public TimeSpan? Duration(YamlNode node, string field)
    {
        if (node is YamlScalarNode { Value: { } text } && DurationText.TryParse(text, out var duration))
        {
            return duration;
        }

        Report(node, field, $"expected {DurationText.Expected}");
        return null;
    }

    /// <summary>A phase: a fixed duration (<c>3s</c>) or <c>{ median: 10s, p90: 16s }</c> with median &gt; 0 and p90 ≥ median.</summary>
    public PhaseDistribution? Phase(YamlNode node, string field)
    {
        if (node is YamlScalarNode)
        {
            return Duration(node, field) is { } fixedDuration ? PhaseDistribution.Fixed(fixedDuration) : null;
        }

        var map = Mapping(node, field, ["median", "p90"]);
        if (map is null)
        {
            return null;
        }

        var medianNode = Required(map, node, field, "median");
        var p90Node = Required(map, node, field, "p90");
        var median = medianNode is null ? null : Duration(medianNode, Join(field, "median"));
        var p90 = p90Node is null ? null : Duration(p90Node, Join(field, "p90"));
        if (median is null || p90 is null)
        {
            return null;
        }

        if (median <= TimeSpan.Zero)
        {
            Report(medianNode, Join(field, "median"), "expected a duration above zero (write a fixed duration such as 0s instead)");
            return null;
        }

        if (p90 < median)
        {
            Report(p90Node, Join(field, "p90"), $"expected a duration at least the median ({median.Value.TotalSeconds:0.###}s)");
            return null;
        }

        return new PhaseDistribution(median.Value, p90.Value);
    }

    public static string Join(string field, string key) => field.Length == 0 ? key : $"{field}.{key}";
}
