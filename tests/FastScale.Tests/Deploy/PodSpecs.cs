using YamlDotNet.RepresentationModel;

namespace FastScale.Tests.Deploy;

/// <summary>What a Deployment's pod template gives its first container: arguments, mounts and the volumes behind them.</summary>
internal sealed class PodSpecs
{
    private PodSpecs(YamlMappingNode deployment)
    {
        Deployment = deployment;
        Pod = deployment.Path("spec.template.spec")!;
        Container = (YamlMappingNode)Pod.Seq("containers")[0];
    }

    public YamlMappingNode Deployment { get; }

    public YamlMappingNode Pod { get; }

    public YamlMappingNode Container { get; }

    public IReadOnlyList<string> Args => Container.Strings("args");

    public static PodSpecs Of(YamlMappingNode deployment) => new(deployment);

    /// <summary>The value of <c>--name=value</c> among the arguments, or null.</summary>
    public string? Arg(string name) =>
        Args.Where(a => a.StartsWith(name + "=", StringComparison.Ordinal)).Select(a => a[(name.Length + 1)..]).SingleOrDefault();

    /// <summary>
    /// The volume that provides the file at <paramref name="path"/>: the mount whose path is its directory, and the key
    /// inside the volume (the file name).
    /// </summary>
    public (YamlMappingNode Volume, string Key)? VolumeFor(string path)
    {
        var directory = System.IO.Path.GetDirectoryName(path)!;
        var mount = Container.Seq("volumeMounts").OfType<YamlMappingNode>().SingleOrDefault(m => m.Str("mountPath") == directory);
        if (mount is null)
        {
            return null;
        }

        var volume = Pod.Seq("volumes").OfType<YamlMappingNode>().Single(v => v.Str("name") == mount.Str("name"));
        return (volume, System.IO.Path.GetFileName(path));
    }
}
