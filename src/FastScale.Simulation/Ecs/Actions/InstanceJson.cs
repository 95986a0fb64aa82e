using System.Globalization;
using System.Text.Json.Nodes;
using FastScale.Simulation.Ecs.Instances;

namespace FastScale.Simulation.Ecs.Actions;

/// <summary>An instance in DescribeInstances' shape: PascalCase keys, lists wrapped (<c>Tags.Tag[]</c>, <c>…IpAddress[]</c>).</summary>
internal static class InstanceJson
{
    public static JsonObject Of(EmulatedInstance i, DateTimeOffset now) => new()
    {
        ["InstanceId"] = i.InstanceId,
        ["InstanceName"] = i.InstanceName,
        ["HostName"] = i.InstanceName,
        ["RegionId"] = i.RegionId,
        ["ZoneId"] = i.ZoneId,
        ["Status"] = i.StatusAt(now),
        ["StoppedMode"] = i.StoppedMode,
        ["InstanceType"] = i.InstanceType,
        ["Cpu"] = i.Cpu,
        ["Memory"] = i.MemoryMiB,
        ["ImageId"] = i.ImageId,
        ["OSType"] = "linux",
        ["InstanceChargeType"] = i.ChargeType,
        ["InstanceNetworkType"] = "vpc",
        ["CreationTime"] = Minute(i.CreatedAt),
        ["Tags"] = new JsonObject { ["Tag"] = new JsonArray([.. i.Tags.Select(t => new JsonObject { ["TagKey"] = t.Key, ["TagValue"] = t.Value })]) },
        ["SecurityGroupIds"] = new JsonObject { ["SecurityGroupId"] = new JsonArray([.. i.SecurityGroupIds.Select(s => JsonValue.Create(s))]) },
        ["VpcAttributes"] = new JsonObject
        {
            ["VpcId"] = i.VpcId,
            ["VSwitchId"] = i.VSwitchId,
            ["NatIpAddress"] = "",
            ["PrivateIpAddress"] = new JsonObject { ["IpAddress"] = new JsonArray(i.PrivateIp) },
        },
    };

    /// <summary>ECS writes creation times to the minute, UTC: <c>2024-01-01T00:00Z</c>.</summary>
    public static string Minute(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
}
