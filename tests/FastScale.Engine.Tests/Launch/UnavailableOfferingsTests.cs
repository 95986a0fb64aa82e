using FastScale.Engine.Cloud;
using FastScale.Engine.Launch;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Engine.Tests.Launch;

public sealed class UnavailableOfferingsTests
{
    private static readonly Offering G7InH = new("ecs.g7.large", "cn-hangzhou-h", "vsw-h");
    private static readonly Offering G6InH = new("ecs.g6.large", "cn-hangzhou-h", "vsw-h");
    private static readonly Offering G7InI = new("ecs.g7.large", "cn-hangzhou-i", "vsw-i");
    private static readonly Offering G6InHOtherVSwitch = new("ecs.g6.large", "cn-hangzhou-h", "vsw-h2");

    private readonly FakeTimeProvider _time = ClockDriver.NewYear();

    [Fact]
    public void Mark_OfferingScope_RulesOutThatTypeInThatZoneOnly()
    {
        var cache = new UnavailableOfferings(TimeSpan.FromMinutes(1), _time);

        cache.Mark(G7InH, Refusal("Zone.NotOnSale", CapacityScope.Offering));

        Assert.True(cache.IsUnavailable(G7InH, out var error));
        Assert.Equal("Zone.NotOnSale", error?.Code);
        Assert.False(cache.IsUnavailable(G6InH, out _));
        Assert.False(cache.IsUnavailable(G7InI, out _));
    }

    [Fact]
    public void Mark_VSwitchScope_RulesOutEveryTypeOnThatVSwitchAndNoOtherVSwitch()
    {
        var cache = new UnavailableOfferings(TimeSpan.FromMinutes(1), _time);

        cache.Mark(G7InH, Refusal("InvalidVSwitchId.IpNotEnough", CapacityScope.VSwitch));

        Assert.True(cache.IsUnavailable(G6InH, out var error));
        Assert.Equal("InvalidVSwitchId.IpNotEnough", error?.Code);
        Assert.False(cache.IsUnavailable(G6InHOtherVSwitch, out _));
        Assert.False(cache.IsUnavailable(G7InI, out _));
    }

    [Fact]
    public void Mark_ZoneScope_RulesOutEveryTypeAndVSwitchOfTheZone()
    {
        var cache = new UnavailableOfferings(TimeSpan.FromMinutes(1), _time);

        cache.Mark(G7InH, Refusal("Zone.NotOpen", CapacityScope.Zone));

        Assert.True(cache.IsUnavailable(G6InHOtherVSwitch, out _));
        Assert.False(cache.IsUnavailable(G7InI, out _));
    }

    [Fact]
    public void IsUnavailable_AfterTheTtl_IsFalseAgain()
    {
        var cache = new UnavailableOfferings(TimeSpan.FromMinutes(1), _time);
        cache.Mark(G7InH, Refusal("InvalidVSwitchId.IpNotEnough", CapacityScope.VSwitch));

        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.False(cache.IsUnavailable(G6InH, out _));
    }

    private static CloudError Refusal(string code, CapacityScope scope) => new(CloudErrorKind.OutOfStock, code, code) { Scope = scope };
}
