using System.Globalization;
using System.Net;
using System.Text.Json;
using FastScale.Ecs.Actions;
using FastScale.Ecs.Tests.Support;
using FastScale.Engine.Cloud;
using FastScale.Testing.Cloud;

namespace FastScale.Ecs.Tests;

public sealed class EcsCloudTests
{
    [Fact]
    public async Task LaunchAsync_Request_RunsInstancesWithOwnershipTagsAndToken()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Ok("""{"RequestId":"r","InstanceIdSets":{"InstanceIdSet":["i-1","i-2","i-3"]}}"""));
        var cloud = Cloud(harness);

        var result = await cloud.LaunchAsync(
            new LaunchRequest("c1", "g1", "tok-9", "img-1", "ecs.g7.large", "cn-hangzhou-h", "vsw-1", "sg-1", Amount: 3, MinAmount: 1, LaunchBatch: 7),
            CancellationToken.None);

        Assert.Equal(["i-1", "i-2", "i-3"], result.Value!);
        var request = Assert.Single(harness.Requests);
        Assert.Equal("RunInstances", request.Action);
        Assert.Equal("3", request.Param("Amount"));
        Assert.Equal("1", request.Param("MinAmount"));
        Assert.Equal("tok-9", request.Param("ClientToken"));
        Assert.Equal("img-1", request.Param("ImageId"));
        Assert.Equal("ecs.g7.large", request.Param("InstanceType"));
        Assert.Equal("cn-hangzhou-h", request.Param("ZoneId"));
        Assert.Equal("vsw-1", request.Param("VSwitchId"));
        Assert.Equal("sg-1", request.Param("SecurityGroupId"));
        var tags = Enumerable.Range(1, 4).ToDictionary(n => request.Param($"Tag.{n}.Key")!, n => request.Param($"Tag.{n}.Value")!);
        Assert.Equal(
            new Dictionary<string, string>
            {
                [CloudTags.Cluster] = "c1", [CloudTags.NodeGroup] = "g1", [CloudTags.ManagedBy] = CloudTags.ManagedByValue, [CloudTags.LaunchBatch] = "7",
            },
            tags);
    }

    [Fact]
    public async Task LaunchAsync_WarmPoolRequest_AddsTheWarmPoolTag_AndListReadsItBack()
    {
        using var harness = new ClientHarness(request => FakeEcsHandler.Ok(request.Action == "RunInstances"
            ? """{"RequestId":"r","InstanceIdSets":{"InstanceIdSet":["i-1"]}}"""
            : """{"RequestId":"r","Instances":{"Instance":[{"InstanceId":"i-1","Status":"Stopped","InstanceType":"ecs.g7.large","ZoneId":"z","Tags":{"Tag":[{"TagKey":"fastscale.io/node-group","TagValue":"g1"},{"TagKey":"fastscale.io/warm-pool","TagValue":"true"}]}},{"InstanceId":"i-2","Status":"Running","InstanceType":"ecs.g7.large","ZoneId":"z","Tags":{"Tag":[{"TagKey":"fastscale.io/node-group","TagValue":"g1"}]}}]}}"""));
        var cloud = Cloud(harness);

        await cloud.LaunchAsync(
            new LaunchRequest("c1", "g1", "tok", "img", "ecs.g7.large", "z", "vsw", "sg", 1, 1, LaunchBatch: 3, WarmPool: true), CancellationToken.None);
        var listed = await cloud.ListAllPagesAsync("c1", CancellationToken.None);

        var run = harness.Requests[0];
        var tags = Enumerable.Range(1, 5).ToDictionary(n => run.Param($"Tag.{n}.Key")!, n => run.Param($"Tag.{n}.Value")!);
        Assert.Equal(CloudTags.WarmPoolValue, tags[CloudTags.WarmPool]);
        Assert.Equal([true, false], listed.Value!.OrderBy(i => i.InstanceId).Select(i => i.WarmPool));
    }

    [Fact]
    public async Task LaunchAsync_TemplateHash_AddsTheTag_AndListReadsItWithImageVSwitchAndSecurityGroups()
    {
        using var harness = new ClientHarness(request => FakeEcsHandler.Ok(request.Action == "RunInstances"
            ? """{"RequestId":"r","InstanceIdSets":{"InstanceIdSet":["i-1"]}}"""
            : """{"RequestId":"r","Instances":{"Instance":[{"InstanceId":"i-1","Status":"Running","InstanceType":"ecs.g7.large","ZoneId":"z","ImageId":"m-1","SecurityGroupIds":{"SecurityGroupId":["sg-1","sg-2"]},"VpcAttributes":{"VpcId":"vpc-1","VSwitchId":"vsw-1"},"Tags":{"Tag":[{"TagKey":"fastscale.io/node-group","TagValue":"g1"},{"TagKey":"fastscale.io/template-hash","TagValue":"0123456789abcdef"}]}},{"InstanceId":"i-2","Status":"Running","InstanceType":"ecs.g7.large","ZoneId":"z","Tags":{"Tag":[{"TagKey":"fastscale.io/node-group","TagValue":"g1"}]}}]}}"""));
        var cloud = Cloud(harness);

        await cloud.LaunchAsync(
            new LaunchRequest("c1", "g1", "tok", "img", "ecs.g7.large", "z", "vsw", "sg", 1, 1, LaunchBatch: 3) { TemplateHash = "0123456789abcdef" },
            CancellationToken.None);
        var listed = (await cloud.ListAllPagesAsync("c1", CancellationToken.None)).Value!.OrderBy(i => i.InstanceId).ToList();

        var run = harness.Requests[0];
        var tags = Enumerable.Range(1, 5).ToDictionary(n => run.Param($"Tag.{n}.Key")!, n => run.Param($"Tag.{n}.Value")!);
        Assert.Equal("0123456789abcdef", tags[CloudTags.TemplateHash]);
        Assert.Equal(("0123456789abcdef", "m-1", "vsw-1"), (listed[0].TemplateHash, listed[0].ImageId, listed[0].VSwitchId));
        Assert.Equal(["sg-1", "sg-2"], listed[0].SecurityGroupIds);
        // An answer that leaves them out: unknown, not empty strings that would read as drift.
        Assert.Equal((null, null, null), (listed[1].TemplateHash, listed[1].ImageId, listed[1].VSwitchId));
        Assert.Empty(listed[1].SecurityGroupIds);
    }

    [Fact]
    public async Task LaunchAsync_NoStock_ReturnsOutOfStock()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Error(HttpStatusCode.Forbidden, "OperationDenied.NoStock"));

        var result = await Cloud(harness).LaunchAsync(
            new LaunchRequest("c1", "g1", "t", "img", "ecs.g7.large", "z", "vsw", "sg", 1, 1), CancellationToken.None);

        Assert.Equal(CloudErrorKind.OutOfStock, result.Error!.Kind);
    }

    [Fact]
    public async Task ListInstancesPageAsync_FirstPage_IsOneRequestFilteredByClusterAndOwner_AndAnswersTheNextToken()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Ok(Page("t1", ("i-1", "g1", "Running"), ("i-2", "g2", "Stopped"))));

        var result = await Cloud(harness).ListInstancesPageAsync("c1", null, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal("t1", result.Value!.NextToken);
        var byId = result.Value.Instances.ToDictionary(i => i.InstanceId);
        Assert.Equal(new CloudInstance("i-1", "g1", "ecs.g7.large", "cn-hangzhou-h", CloudInstanceStatus.Running, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), 12), byId["i-1"]);
        Assert.Equal(CloudInstanceStatus.Stopped, byId["i-2"].Status);
        Assert.Equal("g2", byId["i-2"].GroupId);
        var filter = Assert.Single(harness.Requests);
        Assert.Null(filter.Param("NextToken"));
        Assert.Equal("100", filter.Param("MaxResults"));
        var tags = Enumerable.Range(1, 2).ToDictionary(n => filter.Param($"Tag.{n}.Key")!, n => filter.Param($"Tag.{n}.Value")!);
        Assert.Equal(new Dictionary<string, string> { [CloudTags.Cluster] = "c1", [CloudTags.ManagedBy] = CloudTags.ManagedByValue }, tags);
    }

    [Fact]
    public async Task ListInstancesPageAsync_LastPage_SendsTheTokenAndAnswersNoneAndAnUngroupedInstance()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Ok(Page("", ("i-3", null, "Starting"))));

        var result = await Cloud(harness).ListInstancesPageAsync("c1", "t1", CancellationToken.None);

        Assert.Null(result.Value!.NextToken);
        Assert.Equal(string.Empty, Assert.Single(result.Value.Instances).GroupId);
        Assert.Equal("t1", Assert.Single(harness.Requests).Param("NextToken"));
    }

    [Theory]
    [InlineData("Pending", CloudInstanceStatus.Pending)]
    [InlineData("Starting", CloudInstanceStatus.Starting)]
    [InlineData("Running", CloudInstanceStatus.Running)]
    [InlineData("Stopping", CloudInstanceStatus.Stopping)]
    [InlineData("Stopped", CloudInstanceStatus.Stopped)]
    [InlineData("SomethingNew", CloudInstanceStatus.Pending)]
    [InlineData("", CloudInstanceStatus.Pending)]
    public void ParseStatus_EcsWord_MapsToEngineStatus(string status, CloudInstanceStatus expected)
    {
        Assert.Equal(expected, EcsCloud.ParseStatus(status));
    }

    [Fact]
    public async Task DeleteInstancesAsync_Ids_ForceDeletesInOneCall()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Ok("""{"RequestId":"r"}"""));

        var result = await Cloud(harness).DeleteInstancesAsync(["i-1", "i-2"], CancellationToken.None);

        Assert.True(result.IsSuccess);
        var request = Assert.Single(harness.Requests);
        Assert.Equal("DeleteInstances", request.Action);
        Assert.Equal("true", request.Param("Force"));
        Assert.Equal("i-1", request.Param("InstanceId.1"));
        Assert.Equal("i-2", request.Param("InstanceId.2"));
    }

    [Fact]
    public async Task DeleteInstancesAsync_BatchNamingAGoneInstance_IsOneRequestFlaggedUnknownInstance()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Error(HttpStatusCode.NotFound, "InvalidInstanceId.NotFound"));

        var result = await Cloud(harness).DeleteInstancesAsync(["i-1", "i-gone"], CancellationToken.None);

        Assert.Equal(CloudErrorKind.NotFound, result.Error!.Kind);
        Assert.True(result.Error.UnknownInstance);
        Assert.Single(harness.Requests);
    }

    [Theory]
    [InlineData("Throttling.User", CloudErrorKind.Throttled)]
    [InlineData("InvalidRegionId.NotFound", CloudErrorKind.NotFound)]
    [InlineData("IncorrectInstanceStatus", CloudErrorKind.InvalidRequest)]
    public async Task DeleteInstancesAsync_OtherFailure_IsReported(string code, CloudErrorKind kind)
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Error(HttpStatusCode.BadRequest, code));

        var result = await Cloud(harness).DeleteInstancesAsync(["i-1"], CancellationToken.None);

        Assert.Equal(kind, result.Error!.Kind);
        Assert.False(result.Error.UnknownInstance);
    }

    [Fact]
    public async Task DeleteInstancesAsync_NoIds_CallsNothing()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Ok("{}"));

        Assert.True((await Cloud(harness).DeleteInstancesAsync([], CancellationToken.None)).IsSuccess);
        Assert.Empty(harness.Requests);
    }

    [Fact]
    public async Task StopInstancesAsync_Economical_UsesStopChargingWithoutForce()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Ok("""{"RequestId":"r","InstanceResponses":{"InstanceResponse":[]}}"""));

        await Cloud(harness).StopInstancesAsync(["i-1"], economical: true, CancellationToken.None);
        await Cloud(harness).StartInstancesAsync(["i-1"], CancellationToken.None);

        Assert.Equal("StopCharging", harness.Requests[0].Param("StoppedMode"));
        Assert.Equal("false", harness.Requests[0].Param("ForceStop"));
        Assert.Equal("StartInstances", harness.Requests[1].Action);
    }

    [Fact]
    public async Task StartInstancesAsync_PerInstanceCodes_MapToPerInstanceOutcomes()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Ok("""
            {"RequestId":"r","InstanceResponses":{"InstanceResponse":[
              {"InstanceId":"i-1","Code":"200","Message":"success"},
              {"InstanceId":"i-2","Code":"OperationDenied.NoStock","Message":"no stock"}]}}
            """));

        var result = await Cloud(harness).StartInstancesAsync(["i-1", "i-2"], CancellationToken.None);

        Assert.True(result.Value![0].IsSuccess);
        Assert.Equal(CloudErrorKind.OutOfStock, result.Value![1].Error!.Kind);
    }

    [Fact]
    public async Task StopInstancesAsync_NotEconomical_KeepsCharging()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Ok("""{"RequestId":"r","InstanceResponses":{"InstanceResponse":[]}}"""));

        await Cloud(harness).StopInstancesAsync(["i-1"], economical: false, CancellationToken.None);

        Assert.Equal("KeepCharging", harness.Requests[0].Param("StoppedMode"));
    }

    [Fact]
    public async Task DescribeInstancesAsync_Ids_AsksForThoseIdsAndReadsTheLaunchBatchTag()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Ok(Page(null, ("i-1", "g1", "Stopped"))));

        var result = await Cloud(harness).DescribeInstancesAsync(["i-1", "i-2"], CancellationToken.None);

        var instance = Assert.Single(result.Value!);
        Assert.Equal(CloudInstanceStatus.Stopped, instance.Status);
        Assert.Equal(12, instance.LaunchBatch);
        Assert.Equal("""["i-1","i-2"]""", Assert.Single(harness.Requests).Param("InstanceIds"));
    }

    [Fact]
    public async Task DescribeInstancesAsync_PageSizeBelowTheIdCount_IsStillOneRequest()
    {
        // Answers as ECS does: at most MaxResults instances, and a token while more remain.
        var ids = Enumerable.Range(0, 50).Select(i => $"i-{i:D2}").ToList();
        using var harness = new ClientHarness(request =>
        {
            var asked = JsonSerializer.Deserialize<string[]>(request.Param("InstanceIds")!)!;
            var skip = request.Param("NextToken") is { } token ? int.Parse(token, CultureInfo.InvariantCulture) : 0;
            var take = int.Parse(request.Param("MaxResults")!, CultureInfo.InvariantCulture);
            var next = skip + take < asked.Length ? (skip + take).ToString(CultureInfo.InvariantCulture) : null;
            return FakeEcsHandler.Ok(Page(next, [.. asked.Skip(skip).Take(take).Select(id => (id, (string?)"g1", "Running"))]));
        });
        harness.Options.PageSize = 10;

        var result = await Cloud(harness).DescribeInstancesAsync(ids, CancellationToken.None);

        Assert.Equal(ids, result.Value!.Select(i => i.InstanceId).Order(StringComparer.Ordinal));
        Assert.Equal("100", Assert.Single(harness.Requests).Param("MaxResults"));
    }

    [Fact]
    public async Task DescribeInstancesAsync_MoreThan100Ids_IsRefusedWithoutACall()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Ok("{}"));

        var result = await Cloud(harness).DescribeInstancesAsync([.. Enumerable.Range(0, 101).Select(i => $"i-{i}")], CancellationToken.None);

        Assert.Equal(CloudErrorKind.InvalidRequest, result.Error!.Kind);
        Assert.Empty(harness.Requests);
    }

    private static EcsCloud Cloud(ClientHarness harness) => new(harness.Client, harness.Time);

    private static string Page(string? nextToken, params (string Id, string? Group, string Status)[] instances) =>
        JsonSerializer.Serialize(new
        {
            RequestId = "req",
            NextToken = nextToken,
            Instances = new
            {
                Instance = instances.Select(i => new
                {
                    InstanceId = i.Id,
                    i.Status,
                    InstanceType = "ecs.g7.large",
                    ZoneId = "cn-hangzhou-h",
                    CreationTime = "2024-01-01T00:00Z",
                    Tags = new
                    {
                        Tag = (i.Group is null ? [] : new[] { new { TagKey = CloudTags.NodeGroup, TagValue = i.Group } })
                            .Append(new { TagKey = CloudTags.Cluster, TagValue = "c1" })
                            .Append(new { TagKey = CloudTags.LaunchBatch, TagValue = "12" }),
                    },
                }),
            },
        });
}
