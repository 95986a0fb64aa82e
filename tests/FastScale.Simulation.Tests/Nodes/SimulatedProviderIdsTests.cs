using FastScale.Simulation.Nodes;

namespace FastScale.Simulation.Tests.Nodes;

public sealed class SimulatedProviderIdsTests
{
    [Theory]
    [InlineData("cn-hangzhou.i-abc", "i-abc")]
    [InlineData("alicloud://cn-hangzhou.i-abc", "i-abc")]
    [InlineData("alicloud://us-west-1.i-abc", "i-abc")]
    [InlineData("i-abc", "i-abc")]
    [InlineData("cn-hangzhou.", null)]
    [InlineData("alicloud://", null)]
    public void InstanceIdOf_BothFormsAndABareId(string providerId, string? expected)
    {
        Assert.Equal(expected, SimulatedProviderIds.InstanceIdOf(providerId));
    }

    [Fact]
    public void Format_RegionDotId_ReadsBack()
    {
        var providerId = SimulatedProviderIds.Format("cn-hangzhou", "i-abc");

        Assert.Equal("cn-hangzhou.i-abc", providerId);
        Assert.Equal("i-abc", SimulatedProviderIds.InstanceIdOf(providerId));
    }
}
