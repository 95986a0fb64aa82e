using System.Net;
using System.Text.Json.Nodes;
using FastScale.Simulation.Cluster;

namespace FastScale.Simulation.Tests.Cluster;

public sealed class ClusterApiTests
{
    [Fact]
    public async Task Writes_AcrossKinds_TakeStrictlyIncreasingResourceVersions()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var versions = new List<long>
        {
            SimulatorHarness.VersionNumber(await sim.CreateNodeAsync("n1")),
            SimulatorHarness.VersionNumber(await sim.CreatePodAsync("default", "p1")),
        };
        var (_, patched) = await sim.MergePatchAsync("/api/v1/nodes/n1", JsonNode.Parse("""{"metadata":{"labels":{"a":"b"}}}"""));
        versions.Add(SimulatorHarness.VersionNumber(patched));
        var (_, lease) = await sim.PostAsync("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases",
            JsonNode.Parse("""{"metadata":{"name":"fastscale"},"spec":{"holderIdentity":"a"}}""")!);
        versions.Add(SimulatorHarness.VersionNumber(lease));
        var (_, list) = await sim.GetAsync("/api/v1/pods");

        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
        Assert.Equal(versions[^1].ToString(System.Globalization.CultureInfo.InvariantCulture), (string)list["metadata"]!["resourceVersion"]!);
        Assert.Equal("coordination.k8s.io/v1", (string)lease["apiVersion"]!);
    }

    [Fact]
    public async Task Create_SetsSystemMetadataAndKeepsUnknownFields()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var node = SimulatorHarness.Node("n1");
        node["spec"]!["someFutureField"] = new JsonObject { ["x"] = 1 };

        var (status, created) = await sim.PostAsync("/api/v1/nodes", node);

        Assert.Equal(HttpStatusCode.Created, status);
        var metadata = created["metadata"]!;
        Assert.True(Guid.TryParse((string?)metadata["uid"], out _));
        Assert.Equal("2025-06-01T12:00:00Z", (string?)metadata["creationTimestamp"]);
        Assert.Equal(1, (int)metadata["generation"]!);
        Assert.Equal(1, (int)created["spec"]!["someFutureField"]!["x"]!);
    }

    [Fact]
    public async Task Create_Pod_StartsPendingWhateverStatusWasSent()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var pod = SimulatorHarness.Pod("p1");
        pod["status"] = new JsonObject { ["phase"] = "Running" };

        var (_, created) = await sim.PostAsync("/api/v1/namespaces/default/pods", pod);

        Assert.Equal("Pending", (string?)created["status"]!["phase"]);
        Assert.Equal("default", (string?)created["metadata"]!["namespace"]);
    }

    [Fact]
    public async Task Replace_WithStaleResourceVersion_Is409ConflictAndObjectUnchanged()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var original = await sim.CreateNodeAsync("n1");
        var (_, first) = await sim.MergePatchAsync("/api/v1/nodes/n1", JsonNode.Parse("""{"metadata":{"labels":{"x":"1"}}}"""));

        var stale = (JsonObject)original.DeepClone();
        stale["metadata"]!["labels"] = new JsonObject { ["x"] = "2" };
        var (status, body) = await sim.SendAsync(HttpMethod.Put, "/api/v1/nodes/n1", stale);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("Conflict", (string?)body["reason"]);
        Assert.Contains("the object has been modified", (string?)body["message"], StringComparison.Ordinal);
        var (_, current) = await sim.GetAsync("/api/v1/nodes/n1");
        Assert.Equal("1", (string?)current["metadata"]!["labels"]!["x"]);
        Assert.Equal(SimulatorHarness.Version(first), SimulatorHarness.Version(current));
    }

    [Fact]
    public async Task Replace_WithCurrentResourceVersion_SucceedsAndBumpsGenerationOnSpecChange()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var node = await sim.CreateNodeAsync("n1");
        node["spec"]!["unschedulable"] = true;

        var (status, replaced) = await sim.SendAsync(HttpMethod.Put, "/api/v1/nodes/n1", node);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, (int)replaced["metadata"]!["generation"]!);
        Assert.True(SimulatorHarness.VersionNumber(replaced) > SimulatorHarness.VersionNumber(node));
    }

    [Fact]
    public async Task StatusSubresource_WritesOnlyStatus_AndMainResourceNeverWritesStatus()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.CreateNodeAsync("n1");

        await sim.MergePatchAsync("/api/v1/nodes/n1/status", JsonNode.Parse(
            """{"spec":{"unschedulable":true},"status":{"conditions":[{"type":"Ready","status":"True"}]}}"""));
        await sim.MergePatchAsync("/api/v1/nodes/n1", JsonNode.Parse("""{"status":{"conditions":[]}}"""));

        var (_, node) = await sim.GetAsync("/api/v1/nodes/n1");
        Assert.Null(node["spec"]!["unschedulable"]);
        Assert.Equal("True", (string?)node["status"]!["conditions"]![0]!["status"]);
    }

    [Fact]
    public async Task StrategicMergePatch_MergesConditionsByType()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.CreateNodeAsync("n1");
        await sim.MergePatchAsync("/api/v1/nodes/n1/status", JsonNode.Parse(
            """{"status":{"conditions":[{"type":"Ready","status":"False"},{"type":"MemoryPressure","status":"False"}]}}"""));

        var (status, node) = await sim.SendAsync(HttpMethod.Patch, "/api/v1/nodes/n1/status",
            JsonNode.Parse("""{"status":{"conditions":[{"type":"Ready","status":"True"}]}}"""), "application/strategic-merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, status);
        var conditions = node["status"]!["conditions"]!.AsArray();
        Assert.Equal(2, conditions.Count);
        Assert.Equal("True", (string?)conditions.Single(c => (string?)c!["type"] == "Ready")!["status"]);
    }

    [Fact]
    public async Task JsonPatch_AddReplaceRemove_AndFailedTestIsRejected()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.CreateNodeAsync("n1", new() { ["old"] = "1" });

        var (status, node) = await sim.SendAsync(HttpMethod.Patch, "/api/v1/nodes/n1", JsonNode.Parse("""
            [{"op":"add","path":"/metadata/labels/new","value":"2"},
             {"op":"replace","path":"/spec/providerID","value":"cn-hangzhou.i-x"},
             {"op":"remove","path":"/metadata/labels/old"}]
            """), "application/json-patch+json");
        var (failed, _) = await sim.SendAsync(HttpMethod.Patch, "/api/v1/nodes/n1",
            JsonNode.Parse("""[{"op":"test","path":"/spec/providerID","value":"other"}]"""), "application/json-patch+json");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("2", (string?)node["metadata"]!["labels"]!["new"]);
        Assert.Null(node["metadata"]!["labels"]!["old"]);
        Assert.Equal("cn-hangzhou.i-x", (string?)node["spec"]!["providerID"]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, failed);
    }

    [Fact]
    public async Task Patch_ThatChangesNothing_KeepsResourceVersion()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var node = await sim.CreateNodeAsync("n1", new() { ["a"] = "b" });

        var (_, patched) = await sim.MergePatchAsync("/api/v1/nodes/n1", JsonNode.Parse("""{"metadata":{"labels":{"a":"b"}}}"""));

        Assert.Equal(SimulatorHarness.Version(node), SimulatorHarness.Version(patched));
        Assert.Equal(SimulatorHarness.VersionNumber(node), sim.Store.ResourceVersion);
    }

    [Fact]
    public async Task Binding_SetsNodeNameAndPodScheduled_AndSecondBindingConflicts()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.CreatePodAsync("default", "p1");
        var binding = JsonNode.Parse("""{"apiVersion":"v1","kind":"Binding","metadata":{"name":"p1"},"target":{"apiVersion":"v1","kind":"Node","name":"n1"}}""")!;

        var (status, body) = await sim.PostAsync("/api/v1/namespaces/default/pods/p1/binding", binding);
        var (again, conflict) = await sim.PostAsync("/api/v1/namespaces/default/pods/p1/binding", binding);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("Success", (string?)body["status"]);
        var (_, pod) = await sim.GetAsync("/api/v1/namespaces/default/pods/p1");
        Assert.Equal("n1", (string?)pod["spec"]!["nodeName"]);
        Assert.Equal("True", (string?)pod["status"]!["conditions"]![0]!["status"]);
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal("Conflict", (string?)conflict["reason"]);
    }

    [Fact]
    public async Task Delete_Node_AnswersSuccessStatus_AndPodAnswersTheObject()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.CreateNodeAsync("n1");
        await sim.CreatePodAsync("default", "p1");

        var (nodeStatus, nodeBody) = await sim.SendAsync(HttpMethod.Delete, "/api/v1/nodes/n1");
        var (podStatus, podBody) = await sim.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/default/pods/p1");

        Assert.Equal(HttpStatusCode.OK, nodeStatus);
        Assert.Equal("Success", (string?)nodeBody["status"]);
        Assert.Equal("n1", (string?)nodeBody["details"]!["name"]);
        Assert.Equal(HttpStatusCode.OK, podStatus);
        Assert.Equal("Pod", (string?)podBody["kind"]);
        Assert.Equal(0, sim.Store.Count(ResourceKind.Pods));
    }

    [Fact]
    public async Task Discovery_ServesVersionCoreAndGroups()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var (_, version) = await sim.GetAsync("/version");
        var (_, core) = await sim.GetAsync("/api/v1");
        var (_, groups) = await sim.GetAsync("/apis");
        var (_, coordination) = await sim.GetAsync("/apis/coordination.k8s.io/v1");

        Assert.Equal("1", (string?)version["major"]);
        Assert.Contains(core["resources"]!.AsArray(), r => (string?)r!["name"] == "pods/binding");
        Assert.Equal("coordination.k8s.io", (string?)groups["groups"]![0]!["name"]);
        Assert.Equal("leases", (string?)coordination["resources"]![0]!["name"]);
    }
}
