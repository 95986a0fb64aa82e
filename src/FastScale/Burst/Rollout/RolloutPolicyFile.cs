using System.Globalization;
using FastScale.Engine.Policy;
using YamlDotNet.RepresentationModel;

namespace FastScale.Burst.Rollout;

/// <summary>
/// The policy file a rollout scenario's provider runs from and reloads, as <c>serve --policy FILE</c> does: the
/// scenario's policy text (the user's file or the sample) with the group's rollout section, maxSize and repair deadline
/// set for the scenario, written to a temporary folder. The provider's policy is loaded from the very text written, so
/// the file and the policy in force agree before the change. <see cref="ChangeImageAsync"/> is the trigger: it rewrites
/// the file with a new imageId, which the provider's reloader notices by polling.
/// </summary>
/// <remarks>The edits go through YamlDotNet's representation model, not text replacement, so any valid policy layout
/// works; comments are lost in the written copy, which no person reads.</remarks>
internal sealed class RolloutPolicyFile : IDisposable
{
    private const string FileName = "policy.yaml";
    private readonly DirectoryInfo _folder;
    private readonly YamlStream _yaml;
    private readonly YamlMappingNode _group;

    private RolloutPolicyFile(DirectoryInfo folder, YamlStream yaml, YamlMappingNode group, ScalePolicy policy, string oldImageId)
    {
        (_folder, _yaml, _group, Policy, OldImageId) = (folder, yaml, group, policy, oldImageId);
    }

    public string Path => System.IO.Path.Combine(_folder.FullName, FileName);

    /// <summary>The policy as loaded from the file first written: what the provider starts with.</summary>
    public ScalePolicy Policy { get; }

    public string OldImageId { get; }

    /// <summary>Writes the scenario's policy file; throws when the edited text is not a valid policy (a bug, not user input).</summary>
    public static RolloutPolicyFile Create(string sourceText, string groupId, int maxSize, TimeSpan registrationTimeout)
    {
        ArgumentNullException.ThrowIfNull(sourceText);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(sourceText));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var group = ((YamlSequenceNode)root.Children[new YamlScalarNode("nodeGroups")]).Children.OfType<YamlMappingNode>()
            .FirstOrDefault(g => g.Children.TryGetValue(new YamlScalarNode("id"), out var id) && (id as YamlScalarNode)?.Value == groupId)
            ?? throw new InvalidOperationException($"the policy has no node group '{groupId}'");

        var currentMax = group.Children.TryGetValue(new YamlScalarNode("maxSize"), out var max)
            ? int.Parse(((YamlScalarNode)max).Value!, CultureInfo.InvariantCulture) : 0;
        group.Children[new YamlScalarNode("maxSize")] = Plain(Math.Max(currentMax, maxSize).ToString(CultureInfo.InvariantCulture));
        group.Children[new YamlScalarNode("rollout")] = new YamlMappingNode(
            Plain("maxSurge"), Plain($"{RolloutSpec.MaxSurgePercent}%"),
            Plain("maxUnavailable"), Plain("0"),
            Plain("drainTimeout"), Plain(Duration(RolloutSpec.DrainTimeout)),
            Plain("onDrainTimeout"), Plain("wait"));
        var repair = group.Children.TryGetValue(new YamlScalarNode("repair"), out var r) && r is YamlMappingNode existing ? existing : new YamlMappingNode();
        repair.Children[new YamlScalarNode("enabled")] = Plain("true");
        repair.Children[new YamlScalarNode("registrationTimeout")] = Plain(Duration(registrationTimeout));
        group.Children[new YamlScalarNode("repair")] = repair;

        var folder = Directory.CreateTempSubdirectory("fastscale-rollout-");
        var file = new RolloutPolicyFile(folder, yaml, group, Load(Save(yaml), groupId, out var image), image);
        File.WriteAllText(file.Path, Save(yaml));
        return file;
    }

    /// <summary>The trigger: the group's imageId becomes <paramref name="imageId"/> in the file, written in one replace.</summary>
    public async Task ChangeImageAsync(string imageId, CancellationToken cancellationToken)
    {
        _group.Children[new YamlScalarNode("imageId")] = Plain(imageId);
        var text = Save(_yaml);
        Load(text, GroupIdOf(_group), out _);
        // Written beside and moved over the file, as a ConfigMap's symlink swap: the reloader never reads half a file.
        var next = Path + ".next";
        await File.WriteAllTextAsync(next, text, cancellationToken);
        File.Move(next, Path, overwrite: true);
    }

    public void Dispose()
    {
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }

    private static ScalePolicy Load(string text, string groupId, out string imageId)
    {
        var loaded = PolicyLoader.LoadText(text, FileName);
        if (!loaded.IsValid)
        {
            throw new InvalidOperationException("the rollout scenario's policy is invalid: " + string.Join("; ", loaded.Problems));
        }

        imageId = loaded.Policy!.NodeGroups.Single(g => g.Id == groupId).ImageId;
        return loaded.Policy;
    }

    private static string GroupIdOf(YamlMappingNode group) => ((YamlScalarNode)group.Children[new YamlScalarNode("id")]).Value!;

    private static string Save(YamlStream yaml)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        yaml.Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    private static YamlScalarNode Plain(string value) => new(value) { Style = YamlDotNet.Core.ScalarStyle.Plain };

    private static string Duration(TimeSpan value) => string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(value.TotalSeconds):0}s");
}
