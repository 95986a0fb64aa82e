using FastScale.Engine.NodeGroups;

namespace FastScale.Engine.Tests.NodeGroups;

public sealed class ProviderIdsTests
{
    [Theory]
    [InlineData("cn-hangzhou.i-abc")]
    [InlineData("alicloud://cn-hangzhou.i-abc")]
    [InlineData("i-abc")]
    public void InstanceIdOf_EveryAcceptedForm_IsTheInstanceId(string value)
    {
        Assert.Equal("i-abc", ProviderIds.InstanceIdOf(value));
        Assert.Equal("i-abc", ProviderIds.InstanceIdOf(value, "cn-hangzhou").ToString());
    }

    [Fact]
    public void InstanceIdOf_WithoutARegion_TakesAnyRegionPrefix_TheRegionCheckedFormOnlyItsOwn()
    {
        Assert.Equal("i-abc", ProviderIds.InstanceIdOf("alicloud://cn-beijing.i-abc"));
        Assert.Equal("cn-beijing.i-abc", ProviderIds.InstanceIdOf("alicloud://cn-beijing.i-abc", "cn-hangzhou").ToString());
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("alicloud://", "")]
    [InlineData("cn-hangzhou.", "cn-hangzhou.")]
    [InlineData(".i-abc", ".i-abc")]
    public void InstanceIdOf_MalformedValues_AreLeftAsTheyAre(string value, string expected)
    {
        Assert.Equal(expected, ProviderIds.InstanceIdOf(value));
    }

    [Fact]
    public void Format_IsTheFormNodesCarry_AndParsesBack()
    {
        Assert.Equal("cn-hangzhou.i-abc", ProviderIds.Format("cn-hangzhou", "i-abc"));
        Assert.Equal("i-abc", ProviderIds.InstanceIdOf(ProviderIds.Format("cn-hangzhou", "i-abc")));
    }
}
