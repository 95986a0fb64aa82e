using System.Net;
using System.Text.Json;
using FastScale.Ecs.Tests.Support;
using FastScale.Engine.Cloud;
using FastScale.Engine.Launch;
using FastScale.Engine.Policy;
using FastScale.Testing.Cloud;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastScale.Ecs.Tests;

/// <summary>
/// The engine's paced cloud over <see cref="EcsCloud"/>, at the wire: a delete that meets an instance already gone, or a
/// listing of several pages, is several ECS requests, and the budget and the counts see every one of them.
/// </summary>
public sealed class PacedEcsCloudTests : IDisposable
{
    private readonly CloudApiCallLog _log = new();
    private readonly List<CloudApiBudget> _budgets = [];

    public void Dispose()
    {
        _budgets.ForEach(b => b.Dispose());
        _log.Dispose();
    }

    [Fact]
    public async Task DeleteInstancesAsync_BatchWithOneGone_EveryEcsRequestTakesItsOwnPermitAndIsCounted()
    {
        using var harness = new ClientHarness(request => request.Action switch
        {
            "DeleteInstances" when request.Param("InstanceId.3") is not null =>
                FakeEcsHandler.Error(HttpStatusCode.BadRequest, "InvalidInstanceId.NotFound"),
            "DeleteInstances" => FakeEcsHandler.Ok("""{"RequestId":"r2"}"""),
            _ => FakeEcsHandler.Ok(Described("i-1", "i-3")),
        });

        var result = await Paced(harness).DeleteInstancesAsync(["i-1", "i-gone", "i-3"], ApiPriority.ScaleOut, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(["DeleteInstances", "DescribeInstances", "DeleteInstances"], harness.Requests.Select(r => r.Action));
        Assert.Equal("""["i-1","i-gone","i-3"]""", harness.Requests[1].Param("InstanceIds"));
        var retry = harness.Requests[2];
        Assert.Equal(["i-1", "i-3"], [retry.Param("InstanceId.1")!, retry.Param("InstanceId.2")!]);
        Assert.Null(retry.Param("InstanceId.3"));
        // Before the paced cloud, the three requests went out under one DeleteInstances permit and counted as one call.
        Assert.Equal(2, _log.Calls("DeleteInstances"));
        Assert.Equal(1, _log.Calls("DescribeInstances"));
        Assert.Equal(0, _log.InFlight("DeleteInstances") + _log.InFlight("DescribeInstances"));
    }

    [Fact]
    public async Task DeleteInstancesAsync_AllOfBatchGone_IsSuccessWithoutSecondDelete()
    {
        using var harness = new ClientHarness(request => request.Action == "DeleteInstances"
            ? FakeEcsHandler.Error(HttpStatusCode.BadRequest, "InvalidInstanceId.NotFound")
            : FakeEcsHandler.Ok(Described()));

        var result = await Paced(harness).DeleteInstancesAsync(["i-a", "i-b"], ApiPriority.Repair, CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal(["DeleteInstances", "DescribeInstances"], harness.Requests.Select(r => r.Action));
        Assert.Equal((1, 1), (_log.Calls("DeleteInstances"), _log.Calls("DescribeInstances")));
    }

    [Fact]
    public async Task DeleteInstancesAsync_SingleInstanceAlreadyGone_IsSuccess()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Error(HttpStatusCode.NotFound, "InvalidInstanceId.NotFound"));

        var result = await Paced(harness).DeleteInstancesAsync(["i-gone"], ApiPriority.ScaleOut, CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Single(harness.Requests);
    }

    [Theory]
    [InlineData("InvalidRegionId.NotFound", CloudErrorKind.NotFound)]
    [InlineData("IncorrectInstanceStatus", CloudErrorKind.InvalidRequest)]
    public async Task DeleteInstancesAsync_OtherFailure_IsReportedAfterOneRequest(string code, CloudErrorKind kind)
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Error(HttpStatusCode.BadRequest, code));

        var result = await Paced(harness).DeleteInstancesAsync(["i-1", "i-2"], ApiPriority.ScaleOut, CancellationToken.None);

        Assert.Equal(kind, result.Error!.Kind);
        Assert.Single(harness.Requests);
    }

    [Fact]
    public async Task ListInstancesAsync_EcsRepeatsANextToken_FailsInsteadOfPagingForever()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Ok(
            JsonSerializer.Serialize(new { RequestId = "r", NextToken = "same", Instances = new { Instance = new[] { new { InstanceId = "i-1", Status = "Running" } } } })));

        var result = await Paced(harness).ListInstancesAsync("c1", ApiPriority.ScaleOut, CancellationToken.None);

        Assert.Equal(CloudErrorKind.Transient, result.Error!.Kind);
        Assert.Equal(["", "same"], harness.Requests.Select(r => r.Param("NextToken") ?? ""));
        Assert.Equal(2, _log.Calls("DescribeInstances"));
    }

    private PacedCloud Paced(ClientHarness harness)
    {
        var budget = new CloudApiBudget(
            new ScalePolicy(), new CloudApiBudgetOptions(), harness.Time, NullLogger<CloudApiBudget>.Instance, new CloudApiMetrics(_log.Factory));
        _budgets.Add(budget);
        return new PacedCloud(new EcsCloud(harness.Client, harness.Time), budget, NullLogger<PacedCloud>.Instance);
    }

    private static string Described(params string[] ids) =>
        JsonSerializer.Serialize(new { RequestId = "r", Instances = new { Instance = ids.Select(id => new { InstanceId = id, Status = "Running" }) } });
}
