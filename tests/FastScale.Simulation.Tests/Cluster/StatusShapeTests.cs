using System.Net;
using System.Text.Json.Nodes;

namespace FastScale.Simulation.Tests.Cluster;

public sealed class StatusShapeTests
{
    [Fact]
    public async Task Get_MissingNode_Is404StatusWithDetails()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var (status, body) = await sim.GetAsync("/api/v1/nodes/nope");

        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertStatus(body, 404, "NotFound", "nodes \"nope\" not found");
        Assert.Equal("nope", (string?)body["details"]!["name"]);
        Assert.Equal("nodes", (string?)body["details"]!["kind"]);
    }

    [Fact]
    public async Task Get_MissingLease_NamesItsGroup()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var (_, body) = await sim.GetAsync("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/l1");

        AssertStatus(body, 404, "NotFound", "leases.coordination.k8s.io \"l1\" not found");
        Assert.Equal("coordination.k8s.io", (string?)body["details"]!["group"]);
    }

    [Fact]
    public async Task Create_Duplicate_Is409AlreadyExists()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.CreateNodeAsync("n1");

        var (status, body) = await sim.PostAsync("/api/v1/nodes", SimulatorHarness.Node("n1"));

        Assert.Equal(HttpStatusCode.Conflict, status);
        AssertStatus(body, 409, "AlreadyExists", "nodes \"n1\" already exists");
    }

    [Fact]
    public async Task Create_WithoutName_Is422InvalidWithCause()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var (status, body) = await sim.PostAsync("/api/v1/nodes", JsonNode.Parse("""{"metadata":{}}""")!);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("Invalid", (string?)body["reason"]);
        Assert.Equal("metadata.name", (string?)body["details"]!["causes"]![0]!["field"]);
    }

    [Fact]
    public async Task Create_WithGenerateName_PicksAFreshName()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var (status, body) = await sim.PostAsync("/api/v1/namespaces/default/pods", JsonNode.Parse("""{"metadata":{"generateName":"web-"},"spec":{}}""")!);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.StartsWith("web-", (string?)body["metadata"]!["name"], StringComparison.Ordinal);
        Assert.Equal(9, ((string?)body["metadata"]!["name"])!.Length);
    }

    [Fact]
    public async Task Delete_Missing_Is404Status()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var (status, body) = await sim.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/default/pods/ghost");

        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertStatus(body, 404, "NotFound", "pods \"ghost\" not found");
    }

    [Fact]
    public async Task UnknownPath_Is404Status_AndBadSelectorIs400()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var (missing, missingBody) = await sim.GetAsync("/api/v1/widgets");
        var (bad, badBody) = await sim.GetAsync("/api/v1/pods?fieldSelector=spec.color%3Dred");

        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal("NotFound", (string?)missingBody["reason"]);
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        AssertStatus(badBody, 400, "BadRequest", "field label not supported: spec.color");
    }

    private static void AssertStatus(JsonObject body, int code, string reason, string message)
    {
        Assert.Equal("Status", (string?)body["kind"]);
        Assert.Equal("v1", (string?)body["apiVersion"]);
        Assert.Equal("Failure", (string?)body["status"]);
        Assert.Equal(code, (int)body["code"]!);
        Assert.Equal(reason, (string?)body["reason"]);
        Assert.Equal(message, (string?)body["message"]);
        Assert.NotNull(body["metadata"]);
    }
}
