using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FastScale.Engine.Policy.Reading;

/// <summary>
/// A value in the policy with its field path (<c>nodeGroups[1].instanceTypes[0]</c>) and the position problems about it
/// point at: the key for a mapping entry, the item itself for a list item.
/// </summary>
internal readonly record struct YamlField(string Path, YamlNode Node, Mark At)
{
    public static YamlField Root(YamlNode node) => new("", node, node.Start);

    /// <summary>An empty value, <c>~</c> or <c>null</c>: treated as if the key were absent.</summary>
    public bool IsNull => Node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public string Child(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public YamlField Entry(string key, YamlNode keyNode, YamlNode value) => new(Child(key), value, keyNode.Start);

    /// <summary>An entry of a map with free-form keys (labels, extended resources), written <c>labels["app"]</c>.</summary>
    public YamlField Keyed(string key, YamlNode keyNode, YamlNode value) => new($"{Path}[\"{key}\"]", value, keyNode.Start);

    public YamlField Item(int index, YamlNode node) => new($"{Path}[{index}]", node, node.Start);
}
