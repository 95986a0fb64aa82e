using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FastScale.Engine.Policy;

/// <summary>
/// Finds where a field path (<c>nodeGroups[1].maxSize</c>) is written in policy text, so problems found after loading
/// (a reload refused for what it changes, not for how it is written) point at a line and column as the loader's do.
/// </summary>
public static partial class PolicyLocator
{
    /// <summary>
    /// Gives each problem at line 0 the position of its field in <paramref name="yaml"/>: the key when the field is
    /// written, else the nearest enclosing one that is (a removed group points at <c>nodeGroups</c>). Others are unchanged.
    /// </summary>
    public static IReadOnlyList<PolicyProblem> Place(IReadOnlyList<PolicyProblem> problems, string yaml)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.All(p => p.Line != 0) || Root(yaml) is not { } root)
        {
            return problems;
        }

        return [.. problems.Select(p => p.Line == 0 && Find(root, p.Field) is { } at ? p with { Line = (int)at.Line, Column = (int)at.Column } : p)];
    }

    private static Mark? Find(YamlNode root, string path)
    {
        Mark? found = null;
        YamlNode node = root;
        foreach (Match step in Step().Matches(path))
        {
            if (step.Groups["key"].Success && node is YamlMappingNode map
                && map.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: var key } && key == step.Groups["key"].Value) is { Key: not null } entry)
            {
                (found, node) = (entry.Key.Start, entry.Value);
            }
            else if (step.Groups["index"].Success && node is YamlSequenceNode list
                && int.TryParse(step.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < list.Children.Count)
            {
                node = list.Children[index];
                found = node.Start;
            }
            else
            {
                break;
            }
        }

        return found;
    }

    private static YamlNode? Root(string yaml)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null;
        }
        catch (YamlException)
        {
            // Only text the loader already accepted is located; if it cannot be read again, positions stay 0.
            return null;
        }
    }

    [GeneratedRegex(@"(?<key>[A-Za-z][A-Za-z0-9]*)|\[(?<index>\d+)\]")]
    private static partial Regex Step();
}
