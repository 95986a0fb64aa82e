using FastScale.Ecs.Actions;

namespace FastScale.Ecs.Tests.AgainstEmulator;

/// <summary>RunInstances requests for the wire tests.</summary>
internal static class Launch
{
    public static RunInstancesRequest Of(int amount, string? clientToken = null, int? minAmount = null, params EcsTag[] tags) => new()
    {
        Amount = amount,
        MinAmount = minAmount,
        ClientToken = clientToken,
        ImageId = EmulatorWorld.ImageId,
        InstanceType = EmulatorWorld.InstanceType,
        ZoneId = EmulatorWorld.Zone,
        VSwitchId = "vsw-wire",
        SecurityGroupId = "sg-wire",
        Tags = tags,
    };
}
