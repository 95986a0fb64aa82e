using FastScale.Ecs.Client;
using FastScale.Engine.Cloud;
using FastScale.Testing.Cloud;

namespace FastScale.Ecs.Tests.AgainstEmulator;

/// <summary>
/// What drift is judged from, over the wire: the template-hash tag written by RunInstances, and the instance's own
/// image, vSwitch and security groups read back from DescribeInstances, as a restarted provider reads them.
/// </summary>
public sealed class TemplateHashAgainstEmulatorTests
{
    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task Launch_WithTemplateHash_ListReadsTheHashAndTheFactsBack(EcsSignatureVersion version)
    {
        await using var world = await EmulatorWorld.StartAsync(version);
        var request = new LaunchRequest("c1", "g1", "tok-hash", EmulatorWorld.ImageId, EmulatorWorld.InstanceType, EmulatorWorld.Zone,
            "vsw-drift", "sg-drift", Amount: 2, MinAmount: 2, LaunchBatch: 4)
        {
            TemplateHash = "0ec257691d43e92d",
        };

        var launched = await world.Cloud.LaunchAsync(request, CancellationToken.None);
        var listed = await world.Cloud.ListAllPagesAsync("c1", CancellationToken.None);

        Assert.True(launched.IsSuccess, launched.Error?.ToString());
        Assert.Equal(2, listed.Value!.Count);
        Assert.All(listed.Value!, instance =>
        {
            Assert.Equal("0ec257691d43e92d", instance.TemplateHash);
            Assert.Equal(EmulatorWorld.ImageId, instance.ImageId);
            Assert.Equal("vsw-drift", instance.VSwitchId);
            Assert.Equal(["sg-drift"], instance.SecurityGroupIds);
            Assert.Equal(new InstanceOrigin("0ec257691d43e92d", EmulatorWorld.ImageId, EmulatorWorld.InstanceType, EmulatorWorld.Zone, "vsw-drift", ["sg-drift"]),
                InstanceOrigin.Of(instance));
        });
    }

    [Fact]
    public async Task Launch_WithoutTemplateHash_WritesNoTag_AndReadsNull()
    {
        await using var world = await EmulatorWorld.StartAsync(EcsSignatureVersion.V3);
        var request = new LaunchRequest("c1", "g1", "tok-old", EmulatorWorld.ImageId, EmulatorWorld.InstanceType, EmulatorWorld.Zone,
            "vsw-drift", "sg-drift", Amount: 1, MinAmount: 1);

        await world.Cloud.LaunchAsync(request, CancellationToken.None);
        var instance = Assert.Single((await world.Cloud.ListAllPagesAsync("c1", CancellationToken.None)).Value!);

        Assert.Null(instance.TemplateHash);
        Assert.Equal(EmulatorWorld.ImageId, instance.ImageId);
    }
}
