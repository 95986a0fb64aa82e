using static FastScale.Engine.Tests.Policy.PolicyYaml;

namespace FastScale.Engine.Tests.Policy;

/// <summary>Rules on a group's identity, size, image, instance types, zones and security group.</summary>
public sealed class NodeGroupRulesTests
{
    private const string TwoZones =
        "    zones:\n      - { zoneId: cn-hangzhou-h, vSwitchId: vsw-h }\n      - { zoneId: cn-hangzhou-i, vSwitchId: vsw-i }";

    [Theory]
    [InlineData("General")]
    [InlineData("gpu_pool")]
    [InlineData("-gpu")]
    [InlineData("gpu-")]
    public void GroupId_OutsideThePattern_IsRejected(string id)
    {
        var result = Load(With("- id: general", $"- id: {id}"));

        SingleProblem(result, "test.yaml:4:5: nodeGroups[0].id", $"expected at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit, got '{id}'");
    }

    [Fact]
    public void GroupId_LongerThan63_IsRejected()
    {
        var id = new string('a', 64);

        var result = Load(With("- id: general", $"- id: {id}"));

        SingleProblem(result, "test.yaml:4:5: nodeGroups[0].id", $"got '{id}'");
    }

    [Fact]
    public void GroupId_UsedTwice_IsReportedOnTheSecond()
    {
        var second = Minimal[Minimal.IndexOf("  - id: general", StringComparison.Ordinal)..];

        var result = Load(Minimal + second);

        SingleProblem(result, "test.yaml:14:5: nodeGroups[1].id", "duplicate node group id 'general' (first at nodeGroups[0].id, line 4)");
    }

    [Fact]
    public void EmptyNodeGroups_IsRejected()
    {
        var result = Load("clusterId: test\nregion: cn-hangzhou\nnodeGroups: []\n");

        SingleProblem(result, "test.yaml:3:1: nodeGroups", "expected at least one node group, got an empty list");
    }

    [Fact]
    public void GroupWithOnlyAnId_ReportsEveryMissingRequiredField()
    {
        var result = Load("clusterId: test\nregion: cn-hangzhou\nnodeGroups:\n  - id: bare\n");

        string[] required = ["maxSize", "imageId", "instanceTypes", "zones", "securityGroupId", "resources"];
        Assert.Equal(required.Length, result.Problems.Count);
        foreach (var field in required)
        {
            HasProblem(result, $"test.yaml:4:5: nodeGroups[0].{field}", "required");
        }
    }

    [Fact]
    public void NegativeMinSize_IsRejected()
    {
        var result = Load(With("minSize: 0", "minSize: -1"));

        SingleProblem(result, "test.yaml:5:5: nodeGroups[0].minSize", "expected an integer ≥ 0, got -1");
    }

    [Fact]
    public void MaxSizeBelowMinSize_IsRejected()
    {
        var result = Load(With("minSize: 0", "minSize: 5").Replace("maxSize: 10", "maxSize: 3", StringComparison.Ordinal));

        SingleProblem(result, "test.yaml:6:5: nodeGroups[0].maxSize", "expected an integer ≥ minSize (5), got 3");
    }

    [Fact]
    public void NegativeMaxSize_IsRejectedAgainstMinSize()
    {
        var result = Load(With("maxSize: 10", "maxSize: -3"));

        SingleProblem(result, "test.yaml:6:5: nodeGroups[0].maxSize", "expected an integer ≥ minSize (0), got -3");
    }

    [Fact]
    public void ZeroMaxSize_IsRejected()
    {
        var result = Load(With("maxSize: 10", "maxSize: 0"));

        SingleProblem(result, "test.yaml:6:5: nodeGroups[0].maxSize", "expected an integer ≥ 1, got 0");
    }

    [Fact]
    public void MaxSizeBeyondInt_IsRejected()
    {
        var result = Load(With("maxSize: 10", "maxSize: 99999999999"));

        SingleProblem(result, "test.yaml:6:5: nodeGroups[0].maxSize", "expected an integer between");
    }

    [Fact]
    public void UnknownImageKind_IsRejected()
    {
        var result = Load(WithGroupLines("imageKind: ContainerOS"));

        SingleProblem(result, "test.yaml:14:5: nodeGroups[0].imageKind", "expected one of prebaked, general, got 'ContainerOS'");
    }

    [Fact]
    public void ImageKind_IsRead()
    {
        var result = Load(WithGroupLines("imageKind: general"));

        AssertValid(result);
        Assert.Equal("general", result.Policy!.NodeGroups[0].ImageKind);
    }

    [Fact]
    public void EmptyInstanceTypes_IsRejected()
    {
        var result = Load(With("[ecs.g7.large, ecs.g6.large]", "[]"));

        SingleProblem(result, "test.yaml:8:5: nodeGroups[0].instanceTypes", "expected at least one instance type, got an empty list");
    }

    [Fact]
    public void MalformedInstanceType_IsReportedAtTheItem()
    {
        var result = Load(With("[ecs.g7.large, ecs.g6.large]", "[g7.large, ecs.g6.large]"));

        SingleProblem(result, "test.yaml:8:21: nodeGroups[0].instanceTypes[0]", "expected an ECS instance type such as ecs.g7.large, got 'g7.large'");
    }

    [Fact]
    public void DuplicateInstanceType_IsReportedAtTheSecond()
    {
        var result = Load(With("[ecs.g7.large, ecs.g6.large]", "[ecs.g7.large, ecs.g7.large]"));

        SingleProblem(result, "test.yaml:8:35: nodeGroups[0].instanceTypes[1]", "duplicate instance type 'ecs.g7.large'");
    }

    [Fact]
    public void InstanceTypes_KeepTheirOrder()
    {
        var policy = Load(Minimal).Policy!;

        Assert.Equal(["ecs.g7.large", "ecs.g6.large"], policy.NodeGroups[0].InstanceTypes);
    }

    [Fact]
    public void EmptyZones_IsRejected()
    {
        var result = Load(With(TwoZones, "    zones: []"));

        SingleProblem(result, "test.yaml:9:5: nodeGroups[0].zones", "expected at least one zone, got an empty list");
    }

    [Fact]
    public void ZoneOfAnotherRegion_IsRejected()
    {
        var result = Load(With("zoneId: cn-hangzhou-h", "zoneId: cn-beijing-h"));

        SingleProblem(result, "test.yaml:10:11: nodeGroups[0].zones[0].zoneId", "expected a zone of region cn-hangzhou such as cn-hangzhou-h, got 'cn-beijing-h'");
    }

    [Fact]
    public void DuplicateZone_IsReportedAtTheSecond()
    {
        var result = Load(With("zoneId: cn-hangzhou-i", "zoneId: cn-hangzhou-h"));

        SingleProblem(result, "test.yaml:11:11: nodeGroups[0].zones[1].zoneId", "duplicate zone 'cn-hangzhou-h'");
    }

    [Fact]
    public void DuplicateVSwitch_IsReportedAtTheSecond()
    {
        var result = Load(With("vSwitchId: vsw-i", "vSwitchId: vsw-h"));

        SingleProblem(result, "test.yaml:11:34: nodeGroups[0].zones[1].vSwitchId", "duplicate vSwitch 'vsw-h'");
    }

    [Fact]
    public void ZoneWithoutVSwitch_IsReportedAtTheZone()
    {
        var result = Load(With("{ zoneId: cn-hangzhou-h, vSwitchId: vsw-h }", "{ zoneId: cn-hangzhou-h }"));

        SingleProblem(result, "test.yaml:10:9: nodeGroups[0].zones[0].vSwitchId", "required");
    }

    [Fact]
    public void Zones_AreReadInOrder()
    {
        var zones = Load(Minimal).Policy!.NodeGroups[0].Zones;

        Assert.Equal(["cn-hangzhou-h:vsw-h", "cn-hangzhou-i:vsw-i"], zones.Select(z => $"{z.ZoneId}:{z.VSwitchId}"));
    }

    [Fact]
    public void MalformedSecurityGroup_IsRejected()
    {
        var result = Load(With("securityGroupId: sg-test", "securityGroupId: default"));

        SingleProblem(result, "test.yaml:12:5: nodeGroups[0].securityGroupId", "expected a security group id such as sg-");
    }

    [Fact]
    public void MissingClusterId_IsReportedAtTheTop()
    {
        var result = Load(With("clusterId: test\n", ""));

        SingleProblem(result, "test.yaml:1:1: clusterId", "required");
    }

    [Fact]
    public void ClusterIdWithReservedTagPrefix_IsRejected()
    {
        var result = Load(With("clusterId: test", "clusterId: aliyun-prod"));

        SingleProblem(result, "test.yaml:1:1: clusterId", "ECS tag values may not start with 'aliyun'");
    }
}
