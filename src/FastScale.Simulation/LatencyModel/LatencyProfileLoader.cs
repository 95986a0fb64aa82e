using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FastScale.Simulation.LatencyModel;

/// <summary>
/// Loads latency profiles: the file embedded in this assembly (<c>latency-profiles.yaml</c>, profiles <c>default</c> and
/// <c>fast</c>), or a file of the same shape given by path. Every profile in the file is checked and every problem
/// reported as <c>file:line:column: field: expected …</c>.
/// </summary>
public static class LatencyProfileLoader
{
    public const string DefaultProfileName = "default";

    private const string ResourceName = "FastScale.Simulation.latency-profiles.yaml";

    public static LatencyProfileLoadResult LoadEmbedded(string profileName = DefaultProfileName)
    {
        using var stream = typeof(LatencyProfileLoader).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        return Load(reader.ReadToEnd(), "embedded:latency-profiles.yaml", profileName);
    }

    public static LatencyProfileLoadResult LoadFile(string path, string profileName = DefaultProfileName)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new LatencyProfileLoadResult(null, [new LatencyProblem(path, 0, 0, "", $"cannot read the file: {e.Message}")]);
        }

        return Load(text, path, profileName);
    }

    /// <param name="file">The name problems are reported against.</param>
    public static LatencyProfileLoadResult Load(string text, string file, string profileName = DefaultProfileName)
    {
        var yaml = new ProfileYaml(file);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            return new LatencyProfileLoadResult(null, [new LatencyProblem(file, (int)e.Start.Line, (int)e.Start.Column, "", $"invalid YAML: {e.Message}")]);
        }

        if (stream.Documents.Count == 0)
        {
            return new LatencyProfileLoadResult(null, [new LatencyProblem(file, 0, 0, "profiles", "expected a profiles: mapping; the file is empty")]);
        }

        var profiles = new LatencyProfileReader(yaml).ReadFile(stream.Documents[0].RootNode);
        if (yaml.Problems.Count > 0)
        {
            return new LatencyProfileLoadResult(null, yaml.Problems);
        }

        return profiles.TryGetValue(profileName, out var profile)
            ? new LatencyProfileLoadResult(profile, [])
            : new LatencyProfileLoadResult(null, [new LatencyProblem(file, 0, 0, $"profiles.{profileName}",
                $"no such profile; expected one of: {string.Join(", ", profiles.Keys)}")]);
    }
}
