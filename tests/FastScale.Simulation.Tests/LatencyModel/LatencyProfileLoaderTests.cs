using FastScale.Simulation.LatencyModel;

namespace FastScale.Simulation.Tests.LatencyModel;

public sealed class LatencyProfileLoaderTests
{
    private const string Valid = """
        profiles:
          p:
            provisioningPerSecond: 10
            coldProvisioning: { median: 10s, p90: 16s }
            startProvisioning: 5s
            stop: 500ms
            boot:
              prebaked: { median: 2.5s, p90: 3s }
              general: 1.5m
            defaultImageKind: general
            imageRules:
              - { contains: containeros, kind: prebaked }
            registration: 4s
            readiness: 3s
            faults:
              seed: 9
              neverRunning: 0.1
              neverRegisters: 0.2
              transientErrors: 0.05
              stockOuts:
                - { instanceType: ecs.g7.large, zone: cn-hangzhou-k, available: 3 }
        """;

    [Fact]
    public void Load_ValidProfile_ReadsEveryField()
    {
        var profile = LatencyProfileLoader.Load(Valid, "test.yaml", "p").GetOrThrow();

        Assert.Equal(10, profile.ProvisioningPerSecond);
        Assert.Equal(new PhaseDistribution(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(16)), profile.ColdProvisioning);
        Assert.Equal(PhaseDistribution.Fixed(TimeSpan.FromMilliseconds(500)), profile.Stop);
        Assert.Equal(TimeSpan.FromSeconds(90), profile.Boot["general"].Median);
        Assert.Equal("prebaked", profile.ImageKindOf("ContainerOS_3_x64"));
        Assert.Equal("general", profile.ImageKindOf("ubuntu_22_04"));
        Assert.Equal(9, profile.Faults.Seed);
        Assert.Equal(0.2, profile.Faults.NeverRegisters);
        Assert.Equal(new StockOut("ecs.g7.large", "cn-hangzhou-k", 3), Assert.Single(profile.Faults.StockOuts));
    }

    [Fact]
    public void Load_NeverRegistersImages_ReadsTheBrokenImageIds()
    {
        var profile = LatencyProfileLoader.Load(Valid + "\n      neverRegistersImages: [m-broken, m-worse]", "test.yaml", "p").GetOrThrow();

        Assert.Equal(["m-broken", "m-worse"], profile.Faults.NeverRegistersImages);
        Assert.Empty(LatencyProfileLoader.LoadEmbedded().GetOrThrow().Faults.NeverRegistersImages);
    }

    [Fact]
    public void LoadEmbedded_DefaultAndFast_AreValid()
    {
        Assert.True(LatencyProfileLoader.LoadEmbedded().IsValid);
        Assert.True(LatencyProfileLoader.LoadEmbedded("fast").IsValid);
    }

    [Fact]
    public void Load_SeveralMistakes_ReportsEachWithLineAndField()
    {
        var text = Valid
            .Replace("p90: 16s", "p90: 6s", StringComparison.Ordinal)
            .Replace("stop: 500ms", "stop: soon", StringComparison.Ordinal)
            .Replace("neverRunning: 0.1", "neverRunning: 2", StringComparison.Ordinal)
            .Replace("kind: prebaked }", "kind: baked }", StringComparison.Ordinal)
            .Replace("    readiness: 3s\n", "    readyness: 3s\n", StringComparison.Ordinal);

        var result = LatencyProfileLoader.Load(text, "bad.yaml", "p");

        Assert.False(result.IsValid);
        var lines = result.Problems.Select(p => p.ToString()).ToList();
        Assert.Contains("bad.yaml:4:43: profiles.p.coldProvisioning.p90: expected a duration at least the median (10s)", lines);
        Assert.Contains(lines, l => l.StartsWith("bad.yaml:6:11: profiles.p.stop: expected a duration", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("bad.yaml:17:21: profiles.p.faults.neverRunning: expected a share", StringComparison.Ordinal));
        Assert.True(lines.Count == 6, string.Join(" | ", lines));
        Assert.Contains(lines, l => l.StartsWith("bad.yaml:12:40: profiles.p.imageRules[0].kind: expected one of the kinds under boot", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("profiles.p.readyness: unknown field", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("profiles.p.readiness: required field is missing", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Load_StartsWaitInCreateQueue_ReadsTheFlag(string text, bool expected)
    {
        var yaml = Valid.Replace("    startProvisioning: 5s\n", $"    startProvisioning: 5s\n    startsWaitInCreateQueue: {text}\n", StringComparison.Ordinal);

        var profile = LatencyProfileLoader.Load(yaml, "test.yaml", "p").GetOrThrow();

        Assert.Equal(expected, profile.StartsWaitInCreateQueue);
        Assert.False(LatencyProfileLoader.Load(Valid, "test.yaml", "p").GetOrThrow().StartsWaitInCreateQueue);
    }

    [Fact]
    public void Load_StartsWaitInCreateQueue_NotABoolean_NamesLineAndField()
    {
        var yaml = Valid.Replace("    startProvisioning: 5s\n", "    startProvisioning: 5s\n    startsWaitInCreateQueue: sometimes\n", StringComparison.Ordinal);

        var result = LatencyProfileLoader.Load(yaml, "bad.yaml", "p");

        Assert.False(result.IsValid);
        Assert.Contains(result.Problems.Select(p => p.ToString()), l => l.StartsWith("bad.yaml:6:", StringComparison.Ordinal)
            && l.Contains("profiles.p.startsWaitInCreateQueue: expected true or false", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UnknownProfileName_NamesTheAvailableOnes()
    {
        var result = LatencyProfileLoader.Load(Valid, "test.yaml", "nope");

        var problem = Assert.Single(result.Problems);
        Assert.Equal("test.yaml:0:0: profiles.nope: no such profile; expected one of: p", problem.ToString());
    }

    [Fact]
    public void LoadFile_Missing_ReportsTheFile()
    {
        var result = LatencyProfileLoader.LoadFile("/nonexistent/profiles.yaml");

        Assert.StartsWith("/nonexistent/profiles.yaml:0:0: : cannot read the file", Assert.Single(result.Problems).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BrokenYaml_ReportsPosition()
    {
        var result = LatencyProfileLoader.Load("profiles:\n  p: [1, 2\n", "broken.yaml");

        Assert.StartsWith("broken.yaml:", Assert.Single(result.Problems).ToString(), StringComparison.Ordinal);
        Assert.Contains("invalid YAML", result.Problems[0].Message, StringComparison.Ordinal);
    }
}
