using FastScale.Ecs.Endpoints;

namespace FastScale.Ecs.Tests.Endpoints;

public sealed class EcsEndpointTests
{
    [Theory]
    [InlineData("127.0.0.1:8080", "http://127.0.0.1:8080/")]
    [InlineData("127.9.9.9:1", "http://127.9.9.9:1/")]
    [InlineData("localhost:18080", "http://localhost:18080/")]
    [InlineData("LOCALHOST:18080", "http://localhost:18080/")]
    [InlineData("[::1]:8080", "http://[::1]:8080/")]
    [InlineData("10.0.0.5:8080", "https://10.0.0.5:8080/")]
    [InlineData("ecs.cn-hangzhou.aliyuncs.com", "https://ecs.cn-hangzhou.aliyuncs.com/")]
    [InlineData("ecs.cn-hangzhou.aliyuncs.com:443", "https://ecs.cn-hangzhou.aliyuncs.com/")]
    [InlineData("ecs.example:80", "https://ecs.example:80/")]
    [InlineData("[2001:db8::1]:8443", "https://[2001:db8::1]:8443/")]
    [InlineData("  127.0.0.1:8080  ", "http://127.0.0.1:8080/")]
    [InlineData("http://10.0.0.5:8080", "http://10.0.0.5:8080/")]
    [InlineData("https://127.0.0.1:8443/", "https://127.0.0.1:8443/")]
    [InlineData("https://ecs.cn-shanghai.aliyuncs.com", "https://ecs.cn-shanghai.aliyuncs.com/")]
    public void TryParse_ValidEndpoint_GivesBaseUri(string text, string expected)
    {
        Assert.True(EcsEndpoint.TryParse(text, out var uri, out var error), error);
        Assert.Equal(expected, uri!.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ftp://host:21")]
    [InlineData("https://host/path")]
    [InlineData("https://host/?x=1")]
    [InlineData("https://user:pw@host/")]
    [InlineData("host:notaport")]
    [InlineData("host:99999")]
    [InlineData("host:")]
    [InlineData("host:0")]
    [InlineData("host/path")]
    [InlineData("::1:8080")]
    public void TryParse_InvalidEndpoint_FailsWithReason(string? text)
    {
        Assert.False(EcsEndpoint.TryParse(text, out var uri, out var error));
        Assert.Null(uri);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void ForRegion_Region_IsThePublicHttpsEndpoint()
    {
        Assert.Equal("https://ecs.cn-beijing.aliyuncs.com/", EcsEndpoint.ForRegion("cn-beijing").ToString());
    }
}
