using FastScale.Simulation.LatencyModel;

namespace FastScale.Simulation.Tests.LatencyModel;

/// <summary>Image kinds by exact ImageId (<c>images:</c>) next to the substring rules.</summary>
public sealed class ImageKindTests
{
    private const string WithImages = """
        profiles:
          p:
            provisioningPerSecond: 10
            coldProvisioning: 10s
            startProvisioning: 5s
            stop: 1s
            boot:
              prebaked: 2s
              general: 80s
            defaultImageKind: general
            images:
              m-bp1g7004ksh0oeuc4z6c: prebaked
              m-containeros-but-general: general
            imageRules:
              - { contains: containeros, kind: prebaked }
            registration: 4s
            readiness: 3s
        """;

    [Fact]
    public void ImageKindOf_ExactImageId_IsItsDeclaredKind()
    {
        var profile = LatencyProfileLoader.Load(WithImages, "test.yaml", "p").GetOrThrow();

        Assert.Equal("prebaked", profile.ImageKindOf("m-bp1g7004ksh0oeuc4z6c"));
        Assert.Equal("general", profile.ImageKindOf("m-bp1g7004ksh0oeuc4z6d"));
    }

    [Fact]
    public void ImageKindOf_ExactEntryAndMatchingRule_ExactEntryWins()
    {
        var profile = LatencyProfileLoader.Load(WithImages, "test.yaml", "p").GetOrThrow();

        Assert.Equal("general", profile.ImageKindOf("m-containeros-but-general"));
    }

    [Fact]
    public void Load_ImageWithUnknownKind_ReportsLineAndField()
    {
        var text = WithImages.Replace("m-bp1g7004ksh0oeuc4z6c: prebaked", "m-bp1g7004ksh0oeuc4z6c: baked", StringComparison.Ordinal);

        var problem = Assert.Single(LatencyProfileLoader.Load(text, "test.yaml", "p").Problems);

        Assert.Equal("profiles.p.images.m-bp1g7004ksh0oeuc4z6c", problem.Field);
        Assert.Equal(12, problem.Line);
        Assert.Contains("prebaked, general", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("fast")]
    public void LoadEmbedded_SamplePolicyImage_IsPrebaked(string profileName)
    {
        var profile = LatencyProfileLoader.LoadEmbedded(profileName).GetOrThrow();

        Assert.Equal("prebaked", profile.ImageKindOf("m-bp1g7004ksh0oeuc4z6c"));
    }
}
