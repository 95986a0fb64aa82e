using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FastScale.Simulation.Cluster;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Simulation.Tests.Cluster;

/// <summary>
/// A simulator on 127.0.0.1:0 with a fake clock, and raw HTTP helpers: the tests speak the wire themselves, through
/// no typed client, so they check what a real client would receive.
/// </summary>
internal sealed class SimulatorHarness : IAsyncDisposable
{
    private SimulatorHarness(ClusterSimulatorServer server, FakeTimeProvider time)
    {
        Server = server;
        Time = time;
        Http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "any-token-at-all");
    }

    public ClusterSimulatorServer Server { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; }

    public ClusterStore Store => Server.Store;

    public static async Task<SimulatorHarness> StartAsync(Action<ClusterSimulatorOptions>? configure = null)
    {
        var options = new ClusterSimulatorOptions();
        configure?.Invoke(options);
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        return new SimulatorHarness(await ClusterSimulatorServer.StartAsync(options, time), time);
    }

    public async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(
        HttpMethod method, string path, JsonNode? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    public Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(string path, JsonNode body) => SendAsync(HttpMethod.Post, path, body);

    public Task<(HttpStatusCode Status, JsonObject Body)> MergePatchAsync(string path, JsonNode? patch) =>
        SendAsync(HttpMethod.Patch, path, patch, "application/merge-patch+json");

    public async Task<JsonObject> CreateNodeAsync(string name, Dictionary<string, string>? labels = null)
    {
        var (status, body) = await PostAsync("/api/v1/nodes", Node(name, labels));
        Assert.Equal(HttpStatusCode.Created, status);
        return body;
    }

    public async Task<JsonObject> CreatePodAsync(string ns, string name, string? nodeName = null, Dictionary<string, string>? labels = null)
    {
        var (status, body) = await PostAsync($"/api/v1/namespaces/{ns}/pods", Pod(name, nodeName, labels));
        Assert.Equal(HttpStatusCode.Created, status);
        return body;
    }

    /// <summary>Opens a watch and returns its line reader; the response stays open until disposed.</summary>
    public async Task<WatchReader> WatchAsync(string pathAndQuery)
    {
        var response = await Http.GetAsync(pathAndQuery, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new WatchReader(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    public static JsonObject Node(string name, Dictionary<string, string>? labels = null) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Node",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = Labels(labels) },
        ["spec"] = new JsonObject { ["providerID"] = $"cn-hangzhou.i-{name}" },
        ["status"] = new JsonObject { ["capacity"] = new JsonObject { ["cpu"] = "4", ["pods"] = "110" } },
    };

    public static JsonObject Pod(string name, string? nodeName = null, Dictionary<string, string>? labels = null)
    {
        var spec = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "busybox" }) };
        if (nodeName is not null)
        {
            spec["nodeName"] = nodeName;
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = Labels(labels) },
            ["spec"] = spec,
        };
    }

    public static string Version(JsonObject obj) => (string)obj["metadata"]!["resourceVersion"]!;

    public static long VersionNumber(JsonObject obj) => long.Parse(Version(obj), System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    private static JsonObject Labels(Dictionary<string, string>? labels)
    {
        var result = new JsonObject();
        foreach (var (key, value) in labels ?? [])
        {
            result[key] = value;
        }

        return result;
    }
}
