using FastScale.Ecs.Signing;

namespace FastScale.Ecs.Tests.Signing;

public sealed class CanonicalQueryTests
{
    [Fact]
    public void CanonicalQuery_ParameterWithoutValue_WritesNameEquals()
    {
        Assert.Equal("A=1&DryRun=", AcsSignatureV3.CanonicalQuery([new("DryRun", ""), new("A", "1")]));
    }

    [Fact]
    public void CanonicalQuery_NamesDifferingInCase_SortOrdinallyUpperCaseFirst()
    {
        Assert.Equal("B=2&a=1", AcsSignatureV3.CanonicalQuery([new("a", "1"), new("B", "2")]));
    }

    [Fact]
    public void CanonicalQuery_TenOrMoreTags_SortsAsStringsNotNumbers()
    {
        KeyValuePair<string, string>[] parameters = [new("Tag.2.Key", "b"), new("Tag.10.Key", "j"), new("Tag.1.Key", "a")];

        Assert.Equal("Tag.1.Key=a&Tag.10.Key=j&Tag.2.Key=b", AcsSignatureV3.CanonicalQuery(parameters));
    }

    [Fact]
    public void CanonicalHeaders_ValuesWithSurroundingSpaces_AreTrimmed()
    {
        var canonical = AcsSignatureV3.CanonicalHeaders([new("X-Acs-Date", "  2024-01-01T00:00:00Z ")], ["x-acs-date"]);

        Assert.Equal("x-acs-date:2024-01-01T00:00:00Z\n", canonical);
    }

    [Fact]
    public void SelectSignedHeaders_MixedHeaders_KeepsOnlyAcsHostAndContentTypeSorted()
    {
        var signed = AcsSignatureV3.SelectSignedHeaders(["Accept", "X-Acs-Version", "Content-Type", "Host", "User-Agent", "x-acs-action"]);

        Assert.Equal(["content-type", "host", "x-acs-action", "x-acs-version"], signed);
    }
}
