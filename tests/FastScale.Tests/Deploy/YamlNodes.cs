using YamlDotNet.RepresentationModel;

namespace FastScale.Tests.Deploy;

/// <summary>Short paths through YAML mappings: null where a key is missing.</summary>
internal static class YamlNodes
{
    public static YamlNode? Child(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    public static string? Str(this YamlMappingNode node, string key) => (node.Child(key) as YamlScalarNode)?.Value;

    public static YamlMappingNode? Map(this YamlMappingNode node, string key) => node.Child(key) as YamlMappingNode;

    public static IReadOnlyList<YamlNode> Seq(this YamlMappingNode node, string key) =>
        node.Child(key) is YamlSequenceNode sequence ? [.. sequence.Children] : [];

    public static IReadOnlyList<string> Strings(this YamlMappingNode node, string key) =>
        [.. node.Seq(key).OfType<YamlScalarNode>().Select(s => s.Value!)];

    /// <summary>Follows a dotted path of mapping keys.</summary>
    public static YamlMappingNode? Path(this YamlMappingNode node, string path)
    {
        YamlMappingNode? current = node;
        foreach (var key in path.Split('.'))
        {
            current = current?.Map(key);
        }

        return current;
    }
}
