using FastScale.Engine.Policy;

namespace FastScale.Serve;

/// <summary>The sample policy (deploy/policy.yaml) compiled into the binary, so <c>serve --embedded</c> needs no file.</summary>
internal static class EmbeddedPolicy
{
    public const string FileName = "embedded:deploy/policy.yaml";

    public static PolicyLoadResult Load() => PolicyLoader.LoadText(Text(), FileName);

    /// <summary>The sample policy's text (a burst's rollout scenario writes an edited copy for the provider to reload).</summary>
    public static string Text()
    {
        using var stream = typeof(EmbeddedPolicy).Assembly.GetManifestResourceStream("FastScale.embedded-policy.yaml")
            ?? throw new InvalidOperationException("the embedded policy is missing from this build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
