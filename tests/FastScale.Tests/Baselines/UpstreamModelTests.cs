using FastScale.Baselines;

namespace FastScale.Tests.Baselines;

public sealed class UpstreamModelTests
{
    private const string Valid = """
        upstream:
          autoscalerReactionSeconds: 8
          essCallsPerIncreaseSize: 6
          essCallSeconds: 0.1
          activityStartSeconds: 0
          createRetrySeconds: 1
          scanIntervalSeconds: 10
          maxNodeProvisionTimeSeconds: 900
          initialBackoffSeconds: 300
        """;

    [Fact]
    public void Embedded_LoadsWithTheDocumentedDefaults()
    {
        var model = UpstreamModel.LoadEmbedded();

        Assert.Equal(TimeSpan.FromSeconds(8), model.AutoscalerReaction);
        Assert.Equal(6, model.EssCallsPerIncreaseSize);
        Assert.Equal(TimeSpan.FromSeconds(0.6), model.IncreaseSizeCall);
        Assert.Equal(TimeSpan.FromMinutes(15), model.MaxNodeProvisionTime);
        Assert.Equal(TimeSpan.FromMinutes(5), model.InitialBackoff);
        Assert.Equal(TimeSpan.FromSeconds(10), model.ScanInterval);
    }

    [Fact]
    public void UnknownField_NamesFileAndLine()
    {
        var yaml = Valid.Replace("  essCallSeconds: 0.1", "  essCallSecond: 0.1", StringComparison.Ordinal);

        var error = Assert.Throws<FormatException>(() => UpstreamModel.Parse(yaml, "model.yaml"));

        Assert.StartsWith("model.yaml:4:", error.Message, StringComparison.Ordinal);
        Assert.Contains("essCallSecond", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  createRetrySeconds: 1", "  createRetrySeconds: -1", "upstream.createRetrySeconds")]
    [InlineData("  scanIntervalSeconds: 10\n", "", "upstream.scanIntervalSeconds")]
    [InlineData("  essCallsPerIncreaseSize: 6", "  essCallsPerIncreaseSize: -2", "upstream.essCallsPerIncreaseSize")]
    public void MissingOrNegative_NamesTheField(string line, string replacement, string field)
    {
        var yaml = Valid.Replace("\r\n", "\n", StringComparison.Ordinal).Replace(line, replacement, StringComparison.Ordinal);

        var error = Assert.Throws<FormatException>(() => UpstreamModel.Parse(yaml, "model.yaml"));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("model.yaml", error.Message, StringComparison.Ordinal);
    }
}
