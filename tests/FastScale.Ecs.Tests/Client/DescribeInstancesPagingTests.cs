using System.Net;
using System.Text.Json;
using FastScale.Ecs.Actions;
using FastScale.Ecs.Client;
using FastScale.Ecs.Tests.Support;
using FastScale.Engine.Cloud;

namespace FastScale.Ecs.Tests.Client;

public sealed class DescribeInstancesPagingTests
{
    [Fact]
    public async Task DescribeInstances_ThreePages_FollowsNextTokenAndReturnsEveryInstance()
    {
        using var harness = new ClientHarness(request => request.Param("NextToken") switch
        {
            null => FakeEcsHandler.Ok(Page("t1", "i-1", "i-2")),
            "t1" => FakeEcsHandler.Ok(Page("t2", "i-3")),
            "t2" => FakeEcsHandler.Ok(Page("", "i-4")),
            _ => FakeEcsHandler.Error(HttpStatusCode.BadRequest, "InvalidNextToken"),
        });

        var result = await harness.Client.DescribeInstancesAsync(
            new DescribeInstancesRequest { Tags = [new("fastscale.io/cluster", "c1")], Status = "Running" }, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(["i-1", "i-2", "i-3", "i-4"], result.Value!.Select(i => i.InstanceId).Order());
        Assert.Equal(3, harness.Requests.Count);
        Assert.All(harness.Requests, r =>
        {
            Assert.Equal("DescribeInstances", r.Action);
            Assert.Equal("100", r.Param("MaxResults"));
            Assert.Equal("fastscale.io/cluster", r.Param("Tag.1.Key"));
            Assert.Equal("c1", r.Param("Tag.1.Value"));
            Assert.Equal("Running", r.Param("Status"));
            Assert.Null(r.Param("InstanceIds"));
            Assert.True(ClientHarness.VerifiesV3(r, ClientHarness.Secret));
        });
    }

    [Fact]
    public async Task DescribeInstances_250Ids_SendsThreeJsonArrayBatchesOfAtMost100()
    {
        var ids = Enumerable.Range(0, 250).Select(i => $"i-{i:D3}").ToList();
        using var harness = new ClientHarness(request =>
            FakeEcsHandler.Ok(Page(null, JsonSerializer.Deserialize<string[]>(request.Param("InstanceIds")!)!)));

        var result = await harness.Client.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = ids }, CancellationToken.None);

        Assert.Equal(ids, result.Value!.Select(i => i.InstanceId).Order());
        var batches = harness.Requests.Select(r => JsonSerializer.Deserialize<string[]>(r.Param("InstanceIds")!)!).ToList();
        Assert.Equal([100, 100, 50], batches.Select(b => b.Length));
        Assert.Equal("[\"i-000\",\"i-001\"", harness.Requests[0].Param("InstanceIds")![..16]);
    }

    [Fact]
    public async Task DescribeInstances_SecondPageThrottled_FailsWholeCall()
    {
        using var harness = new ClientHarness(request => request.Param("NextToken") is null
            ? FakeEcsHandler.Ok(Page("t1", "i-1"))
            : FakeEcsHandler.Error(HttpStatusCode.BadRequest, "Throttling.Api"));

        var result = await harness.Client.DescribeInstancesAsync(new DescribeInstancesRequest(), CancellationToken.None);

        Assert.Equal(CloudErrorKind.Throttled, result.Error!.Kind);
    }

    [Fact]
    public async Task DescribeInstances_ServerRepeatsAToken_StopsWithTransientError()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Ok(Page("same", "i-1")));

        var result = await harness.Client.DescribeInstancesAsync(new DescribeInstancesRequest(), CancellationToken.None);

        Assert.Equal(CloudErrorKind.Transient, result.Error!.Kind);
        Assert.Equal(2, harness.Requests.Count);
    }

    [Fact]
    public async Task DescribeInstancesPage_IdsAndPageSize10_IsOneRequestAskingFor100()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Ok(Page("", "i-1", "i-2")));
        harness.Options.PageSize = 10;

        var result = await harness.Client.DescribeInstancesPageAsync(
            new DescribeInstancesRequest { InstanceIds = ["i-1", "i-2"] }, null, CancellationToken.None);

        Assert.Null(result.Value!.NextToken);
        Assert.Equal(["i-1", "i-2"], result.Value.Instances.Select(i => i.InstanceId));
        Assert.Equal("100", Assert.Single(harness.Requests).Param("MaxResults"));
    }

    [Fact]
    public async Task DescribeInstancesPage_101Ids_IsRefusedWithoutACall()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Ok(Page(null)));

        var result = await harness.Client.DescribeInstancesPageAsync(
            new DescribeInstancesRequest { InstanceIds = [.. Enumerable.Range(0, 101).Select(i => $"i-{i}")] }, null, CancellationToken.None);

        Assert.Equal(CloudErrorKind.InvalidRequest, result.Error!.Kind);
        Assert.Empty(harness.Requests);
    }

    [Fact]
    public async Task DescribeInstances_FullInstance_MapsFieldsAndTags()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Ok("""
            {"RequestId":"r","NextToken":"","TotalCount":1,"Instances":{"Instance":[{
              "InstanceId":"i-1","Status":"Stopped","StoppedMode":"StopCharging","InstanceType":"ecs.g7.large",
              "ZoneId":"cn-hangzhou-h","ImageId":"img-1","CreationTime":"2024-01-01T00:04Z","Cpu":2,
              "Memory":8192,"OSType":"linux","RegionId":"cn-hangzhou",
              "VpcAttributes":{"VSwitchId":"vsw-1","PrivateIpAddress":{"IpAddress":["10.0.0.1"]}},
              "Tags":{"Tag":[{"TagKey":"fastscale.io/node-group","TagValue":"g1"},{"TagKey":"k","TagValue":"v"}]}}]}}
            """));

        var result = await harness.Client.DescribeInstancesAsync(new DescribeInstancesRequest(), CancellationToken.None);

        var instance = Assert.Single(result.Value!);
        Assert.Equal("i-1", instance.InstanceId);
        Assert.Equal("Stopped", instance.Status);
        Assert.Equal("StopCharging", instance.StoppedMode);
        Assert.Equal("ecs.g7.large", instance.InstanceType);
        Assert.Equal("cn-hangzhou-h", instance.ZoneId);
        Assert.Equal("img-1", instance.ImageId);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 4, 0, TimeSpan.Zero), instance.CreationTime);
        Assert.Equal("g1", instance.Tags["fastscale.io/node-group"]);
        Assert.Equal("v", instance.Tags["k"]);
        Assert.Equal("cn-hangzhou", instance.RegionId);
        Assert.Equal("linux", instance.OSType);
        Assert.Equal(2, instance.Cpu);
        Assert.Equal(8192, instance.MemoryMiB);
    }

    [Theory]
    [InlineData("2017-12-10T04:04Z", "2017-12-10T04:04:00+00:00")]
    [InlineData("2017-12-10T04:04:05Z", "2017-12-10T04:04:05+00:00")]
    [InlineData("2017-12-10T12:04:05+08:00", "2017-12-10T04:04:05+00:00")]
    public void ParseCreationTime_EcsFormats_AreUtc(string text, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), EcsClient.ParseCreationTime(text));
    }

    [Fact]
    public void ParseCreationTime_Garbage_IsNull()
    {
        Assert.Null(EcsClient.ParseCreationTime("yesterday"));
    }

    private static string Page(string? nextToken, params string[] ids) =>
        JsonSerializer.Serialize(new
        {
            RequestId = "req-page",
            NextToken = nextToken,
            Instances = new
            {
                Instance = ids.Select(id => new
                {
                    InstanceId = id,
                    Status = "Running",
                    InstanceType = "ecs.g7.large",
                    ZoneId = "cn-hangzhou-h",
                    CreationTime = "2024-01-01T00:00Z",
                    Tags = new { Tag = new[] { new { TagKey = "fastscale.io/node-group", TagValue = "g1" } } },
                }),
            },
        });
}
