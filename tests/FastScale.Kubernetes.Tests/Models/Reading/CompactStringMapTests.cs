using FastScale.Kubernetes.Models.Reading;

namespace FastScale.Kubernetes.Tests.Models.Reading;

public sealed class CompactStringMapTests
{
    [Fact]
    public void Lookups_BehaveAsADictionary()
    {
        var map = new CompactStringMap(["app", "web", "tier", "front"]);

        Assert.Equal(2, map.Count);
        Assert.Equal("front", map["tier"]);
        Assert.True(map.TryGetValue("app", out var app));
        Assert.Equal("web", app);
        Assert.False(map.TryGetValue("App", out _));
        Assert.False(map.ContainsKey("zone"));
        Assert.Throws<KeyNotFoundException>(() => map["zone"]);
        Assert.Equal(["app", "tier"], map.Keys);
        Assert.Equal(["web", "front"], map.Values);
        Assert.Equal("front", map.GetValueOrDefault("tier"));
        Assert.Equal(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" }, map.ToDictionary());
    }
}
