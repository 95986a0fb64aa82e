using FastScale.Engine.Policy.Reading;

namespace FastScale.Engine.Policy;

/// <summary>
/// Loads a scale policy from YAML, strictly: unknown keys, wrong types and broken rules are all reported together, each
/// with file, line, column and field path (<c>deploy/policy.yaml:12:5: nodeGroups[0].maxSize: expected …, got -3</c>).
/// Omitted optional fields keep the model's defaults; pacing for actions the file leaves out comes from <see cref="PacingDefaults"/>.
/// Never throws for bad input: a missing file or broken YAML is a problem too.
/// </summary>
public static class PolicyLoader
{
    /// <summary>Reads and loads <paramref name="path"/>; problems name the path as given.</summary>
    public static PolicyLoadResult LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var reason = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "no such file",
                UnauthorizedAccessException => "permission denied",
                _ => e.Message,
            };
            return new PolicyLoadResult(null, [new PolicyProblem(path, 0, 0, PolicyReadContext.FileField, $"cannot read the policy file: {reason}")]);
        }

        return LoadText(text, path);
    }

    /// <summary>Loads policy text; <paramref name="fileName"/> is only used to name the source in problems.</summary>
    public static PolicyLoadResult LoadText(string yaml, string fileName)
    {
        var context = new PolicyReadContext(fileName);
        var stream = YamlSource.Parse(yaml, context);
        if (stream is null)
        {
            return new PolicyLoadResult(null, context.Finish());
        }

        if (stream.Documents.Count == 0)
        {
            context.Report(new YamlDotNet.Core.Mark(0, 1, 1), PolicyReadContext.DocumentField, "the file holds no policy; expected a mapping with keys clusterId, region, provider, pacing, nodeGroups");
            return new PolicyLoadResult(null, context.Finish());
        }

        if (stream.Documents.Count > 1)
        {
            context.Report(stream.Documents[1].RootNode.Start, PolicyReadContext.DocumentField,
                $"expected one YAML document, found {stream.Documents.Count}; put the whole policy in the first");
        }

        var policy = ScalePolicyReader.Read(context, YamlField.Root(stream.Documents[0].RootNode));
        return new PolicyLoadResult(policy, context.Finish());
    }
}
