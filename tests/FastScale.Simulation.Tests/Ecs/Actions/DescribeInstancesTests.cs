using System.Text.Json.Nodes;

namespace FastScale.Simulation.Tests.Ecs.Actions;

public sealed class DescribeInstancesTests
{
    [Fact]
    public void Describe_MaxResultsAndNextToken_PagesThroughEveryInstanceOnce()
    {
        var harness = new EmulatorHarness();
        var created = harness.Run(25);
        var seen = new List<string>();
        var pages = 0;
        string? token = null;

        do
        {
            (string, string)[] parameters = token is null ? [("MaxResults", "10")] : [("MaxResults", "10"), ("NextToken", token)];
            var (status, body) = harness.Call("DescribeInstances", parameters);
            Assert.Equal(200, status);
            Assert.Equal(25, (int)body["TotalCount"]!);
            seen.AddRange(Ids(body));
            token = (string?)body["NextToken"];
            pages++;
        }
        while (!string.IsNullOrEmpty(token));

        Assert.Equal(3, pages);
        Assert.Equal(created, seen);
    }

    [Fact]
    public void Describe_MaxResultsUnderTen_MeansTen()
    {
        var harness = new EmulatorHarness();
        harness.Run(15);

        var (_, body) = harness.Call("DescribeInstances", [("MaxResults", "2")]);

        Assert.Equal(10, Ids(body).Count);
    }

    [Fact]
    public void Describe_InstanceIdsJsonArray_OnlyThose()
    {
        var harness = new EmulatorHarness();
        var ids = harness.Run(5);

        var (_, body) = harness.Call("DescribeInstances", [("InstanceIds", $"[\"{ids[1]}\",\"{ids[3]}\",\"i-gone\"]")]);

        Assert.Equal([ids[1], ids[3]], Ids(body));
    }

    [Theory]
    [InlineData("i-a,i-b")]
    [InlineData("{\"a\":1}")]
    [InlineData("[1,2]")]
    public void Describe_InstanceIdsNotAJsonArrayOfStrings_InvalidParameter(string value)
    {
        var harness = new EmulatorHarness();

        var (status, body) = harness.Call("DescribeInstances", [("InstanceIds", value)]);

        Assert.Equal((400, "InvalidParameter"), (status, (string?)body["Code"]));
    }

    [Fact]
    public void Describe_MoreThanHundredIds_InvalidParameter()
    {
        var harness = new EmulatorHarness();
        var ids = string.Join(',', Enumerable.Range(0, 101).Select(i => $"\"i-{i}\""));

        Assert.Equal(400, harness.Call("DescribeInstances", [("InstanceIds", $"[{ids}]")]).Status);
    }

    [Fact]
    public void Describe_TagAndStatusFilters_AndTheInstanceShape()
    {
        var harness = new EmulatorHarness();
        var tagged = harness.Run(2, ("Tag.1.Key", "fastscale/group"), ("Tag.1.Value", "g1"), ("SecurityGroupId", "sg-1"), ("VSwitchId", "vsw-1"));
        harness.Run(3, ("Tag.1.Key", "fastscale/group"), ("Tag.1.Value", "g2"));
        harness.Time.Advance(TimeSpan.FromSeconds(11)); // 10 s each, through a queue of 100 a second
        harness.Run(1, ("Tag.1.Key", "fastscale/group"), ("Tag.1.Value", "g1"));

        var (_, body) = harness.Call("DescribeInstances", [("Tag.1.Key", "fastscale/group"), ("Tag.1.Value", "g1"), ("Status", "Running")]);

        Assert.Equal(tagged, Ids(body));
        var instance = body["Instances"]!["Instance"]![0]!;
        Assert.Equal("Running", (string?)instance["Status"]);
        Assert.Equal("cn-hangzhou-h", (string?)instance["ZoneId"]);
        Assert.Equal("2024-01-01T00:00Z", (string?)instance["CreationTime"]);
        Assert.Equal("g1", (string?)instance["Tags"]!["Tag"]![0]!["TagValue"]);
        Assert.Equal("fastscale/group", (string?)instance["Tags"]!["Tag"]![0]!["TagKey"]);
        Assert.Equal("sg-1", (string?)instance["SecurityGroupIds"]!["SecurityGroupId"]![0]);
        Assert.Equal("vsw-1", (string?)instance["VpcAttributes"]!["VSwitchId"]);
        Assert.IsType<JsonArray>(instance["VpcAttributes"]!["PrivateIpAddress"]!["IpAddress"]);
    }

    [Theory]
    [InlineData("ecs.g7.large", 2, 8192)]
    [InlineData("ecs.c7.large", 2, 4096)]
    [InlineData("ecs.gn7i-c8g1.2xlarge", 8, 30720)]
    public void Describe_TheInstanceTypesVcpusAndMemoryInMiB_WithRegionAndOsType(string type, int cpu, int memoryMiB)
    {
        var harness = new EmulatorHarness();
        Assert.Equal(200, harness.Call("RunInstances", [("ImageId", "containeros-img"), ("InstanceType", type)]).Status);

        var (_, body) = harness.Call("DescribeInstances");

        var instance = body["Instances"]!["Instance"]![0]!;
        Assert.Equal(type, (string?)instance["InstanceType"]);
        Assert.Equal(cpu, (int?)instance["Cpu"]);
        Assert.Equal(memoryMiB, (int?)instance["Memory"]);
        Assert.Equal("linux", (string?)instance["OSType"]);
        Assert.Equal(EmulatorHarness.Region, (string?)instance["RegionId"]);
    }

    [Fact]
    public void RunInstances_TypeNotInTheCatalog_RefusedAndNothingCreated()
    {
        var harness = new EmulatorHarness();

        var (status, body) = harness.Call("RunInstances", [("ImageId", "containeros-img"), ("InstanceType", "ecs.nonesuch.large")]);

        Assert.Equal(400, status);
        Assert.Equal("InvalidInstanceType.ValueNotSupported", (string?)body["Code"]);
        Assert.Empty(harness.Emulator.Instances());
    }

    [Fact]
    public void Describe_LegacyPageNumberAndPageSize_StillPage()
    {
        var harness = new EmulatorHarness();
        var created = harness.Run(12);

        var (_, body) = harness.Call("DescribeInstances", [("PageNumber", "2"), ("PageSize", "5")]);

        Assert.Equal(created.Skip(5).Take(5), Ids(body));
    }

    [Fact]
    public void Describe_ForgedNextToken_InvalidParameter()
    {
        var harness = new EmulatorHarness();

        Assert.Equal(400, harness.Call("DescribeInstances", [("NextToken", "bogus")]).Status);
    }

    private static List<string> Ids(JsonObject body) =>
        [.. body["Instances"]!["Instance"]!.AsArray().Select(i => (string)i!["InstanceId"]!)];
}
