using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace FastScale.Baselines;

/// <summary>
/// The numbers of the <see cref="UpstreamBaseline"/>, read from <c>upstream-model.yaml</c> (compiled in), where each one
/// carries its source or is labelled an assumption with its plausible range.
/// </summary>
internal sealed record UpstreamModel
{
    public const string FileName = "embedded:src/FastScale/Baselines/upstream-model.yaml";

    /// <summary>Pending pod to IncreaseSize: the autoscaler's reaction at its default scan interval.</summary>
    public required TimeSpan AutoscalerReaction { get; init; }

    /// <summary>ESS calls the upstream provider makes inside one IncreaseSize.</summary>
    public required int EssCallsPerIncreaseSize { get; init; }

    public required TimeSpan EssCall { get; init; }

    /// <summary>ExecuteScalingRule's answer to the scaling activity's first create.</summary>
    public required TimeSpan ActivityStart { get; init; }

    public required TimeSpan CreateRetry { get; init; }

    public required TimeSpan ScanInterval { get; init; }

    public required TimeSpan MaxNodeProvisionTime { get; init; }

    public required TimeSpan InitialBackoff { get; init; }

    /// <summary>The time IncreaseSize spends in ESS calls before the activity is accepted.</summary>
    public TimeSpan IncreaseSizeCall => EssCall * EssCallsPerIncreaseSize;

    /// <summary>The compiled-in model; a broken file is a bug of this build, so it throws.</summary>
    public static UpstreamModel LoadEmbedded()
    {
        using var stream = typeof(UpstreamModel).Assembly.GetManifestResourceStream("FastScale.upstream-model.yaml")
            ?? throw new InvalidOperationException("the upstream model is missing from this build");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), FileName);
    }

    /// <summary>Reads the model; an unknown or missing field, or a value out of range, throws naming file, line and field.</summary>
    public static UpstreamModel Parse(string yaml, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        ModelFile file;
        try
        {
            file = deserializer.Deserialize<ModelFile?>(yaml) ?? throw new FormatException($"{fileName}: the file is empty");
        }
        catch (YamlException e)
        {
            throw new FormatException($"{fileName}:{e.Start.Line}:{e.Start.Column}: {e.InnerException?.Message ?? e.Message}", e);
        }

        var u = file.Upstream ?? throw new FormatException($"{fileName}: missing 'upstream'");
        return new UpstreamModel
        {
            AutoscalerReaction = Seconds(u.AutoscalerReactionSeconds, "autoscalerReactionSeconds"),
            EssCallsPerIncreaseSize = u.EssCallsPerIncreaseSize is >= 0 and var n ? n : throw Missing("essCallsPerIncreaseSize", "a whole number of 0 or more"),
            EssCall = Seconds(u.EssCallSeconds, "essCallSeconds"),
            ActivityStart = Seconds(u.ActivityStartSeconds, "activityStartSeconds"),
            CreateRetry = Seconds(u.CreateRetrySeconds, "createRetrySeconds"),
            ScanInterval = Seconds(u.ScanIntervalSeconds, "scanIntervalSeconds"),
            MaxNodeProvisionTime = Seconds(u.MaxNodeProvisionTimeSeconds, "maxNodeProvisionTimeSeconds"),
            InitialBackoff = Seconds(u.InitialBackoffSeconds, "initialBackoffSeconds"),
        };

        TimeSpan Seconds(double? value, string field) => value is { } v && double.IsFinite(v) && v >= 0
            ? TimeSpan.FromSeconds(v)
            : throw Missing(field, "seconds, 0 or more");

        FormatException Missing(string field, string expected) => new(string.Create(CultureInfo.InvariantCulture,
            $"{fileName}: upstream.{field}: expected {expected}"));
    }

    private sealed class ModelFile
    {
        public UpstreamFields? Upstream { get; set; }
    }

    private sealed class UpstreamFields
    {
        public double? AutoscalerReactionSeconds { get; set; }

        public int? EssCallsPerIncreaseSize { get; set; }

        public double? EssCallSeconds { get; set; }

        public double? ActivityStartSeconds { get; set; }

        public double? CreateRetrySeconds { get; set; }

        public double? ScanIntervalSeconds { get; set; }

        public double? MaxNodeProvisionTimeSeconds { get; set; }

        public double? InitialBackoffSeconds { get; set; }
    }
}
