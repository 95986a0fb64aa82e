using YamlDotNet.RepresentationModel;

namespace FastScale.Tests.Deploy;

/// <summary>A multi-document YAML stream of Kubernetes objects, read with YamlDotNet's representation model.</summary>
internal sealed class Manifests
{
    private Manifests(IReadOnlyList<YamlMappingNode> objects) => Objects = objects;

    public IReadOnlyList<YamlMappingNode> Objects { get; }

    public static Manifests Parse(string yaml)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml))
        {
            stream.Load(reader);
        }

        return new Manifests([.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()]);
    }

    public IEnumerable<YamlMappingNode> OfKind(string kind) => Objects.Where(o => o.Str("kind") == kind);

    public YamlMappingNode? Find(string kind, string name) => OfKind(kind).SingleOrDefault(o => o.Map("metadata")!.Str("name") == name);

    public YamlMappingNode Get(string kind, string name) =>
        Find(kind, name) ?? throw new Xunit.Sdk.XunitException($"no {kind} named {name} in the rendered manifests");
}
