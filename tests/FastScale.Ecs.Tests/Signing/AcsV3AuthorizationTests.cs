using FastScale.Ecs.Signing;

namespace FastScale.Ecs.Tests.Signing;

public sealed class AcsV3AuthorizationTests
{
    [Fact]
    public void TryParse_HeaderAsTheSdkWritesIt_ReturnsItsParts()
    {
        var ok = AcsV3Authorization.TryParse("ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-date,Signature=abc123", out var parsed);

        Assert.True(ok);
        Assert.Equal("testid", parsed!.AccessKeyId);
        Assert.Equal(["host", "x-acs-date"], parsed.SignedHeaders);
        Assert.Equal("abc123", parsed.Signature);
    }

    [Fact]
    public void TryParse_SpacesAfterCommasAndOtherOrder_StillParses()
    {
        var ok = AcsV3Authorization.TryParse("ACS3-HMAC-SHA256 Signature=abc, Credential=id, SignedHeaders=host", out var parsed);

        Assert.True(ok);
        Assert.Equal("id", parsed!.AccessKeyId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer xyz")]
    [InlineData("ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host")]
    [InlineData("ACS3-HMAC-SHA256 Credential=,SignedHeaders=host,Signature=abc")]
    [InlineData("ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host,Signature=abc,Extra=1")]
    public void TryParse_MalformedHeader_Fails(string? header)
    {
        Assert.False(AcsV3Authorization.TryParse(header, out var parsed));
        Assert.Null(parsed);
    }
}
