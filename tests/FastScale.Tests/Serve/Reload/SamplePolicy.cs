using FastScale.Serve;

namespace FastScale.Tests.Serve.Reload;

/// <summary>The sample policy's text (deploy/policy.yaml, as compiled into the binary), to edit as an operator would.</summary>
internal static class SamplePolicy
{
    public const string Image = "imageId: m-bp1g7004ksh0oeuc4z6c";
    public const string Label = "workload.fastscale.io/class: general";

    public static string Text()
    {
        using var stream = typeof(EmbeddedPolicy).Assembly.GetManifestResourceStream("FastScale.embedded-policy.yaml")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The sample with the general group's image and class label changed: runtime changes only.</summary>
    public static string WithNewImageAndLabel() =>
        Text().Replace(Image, "imageId: m-new", StringComparison.Ordinal).Replace(Label, "workload.fastscale.io/class: general-v2", StringComparison.Ordinal);
}
