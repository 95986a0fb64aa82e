using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FastScale.Kubernetes.Tests.TestSupport;

/// <summary>One Lease on the fake server with the only semantics leader election relies on: 404 before creation,
/// 409 AlreadyExists on a second create, 409 Conflict on a replace with a stale resourceVersion.</summary>
internal sealed class FakeLeaseEndpoint
{
    private const string Collection = "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases";
    private const string Item = Collection + "/fastscale";
    private readonly Lock _lock = new();
    private JsonObject? _lease;
    private int _version;

    public FakeLeaseEndpoint(FakeApiServer server)
    {
        server.On("GET", Item, GetAsync, once: false);
        server.On("POST", Collection, CreateAsync, once: false);
        server.On("PUT", Item, ReplaceAsync, once: false);
    }

    /// <summary>While set, every call answers 503, as an unreachable control plane would.</summary>
    public volatile bool Failing;

    public int Writes { get; private set; }

    public JsonObject? Current
    {
        get
        {
            lock (_lock)
            {
                return _lease?.DeepClone().AsObject();
            }
        }
    }

    private Task GetAsync(HttpContext context)
    {
        lock (_lock)
        {
            return Failing ? Unavailable(context)
                : _lease is null ? FakeApiServer.WriteJsonAsync(context, 404, Objects.Status(404, "NotFound", "leases \\\"fastscale\\\" not found"))
                : FakeApiServer.WriteJsonAsync(context, 200, _lease.ToJsonString());
        }
    }

    private Task CreateAsync(HttpContext context)
    {
        var body = JsonNode.Parse((string)context.Items[FakeApiServer.BodyKey]!)!.AsObject();
        lock (_lock)
        {
            if (Failing)
            {
                return Unavailable(context);
            }

            if (_lease is not null)
            {
                return FakeApiServer.WriteJsonAsync(context, 409, Objects.Status(409, "AlreadyExists"));
            }

            _lease = Store(body);
            return FakeApiServer.WriteJsonAsync(context, 201, _lease.ToJsonString());
        }
    }

    private Task ReplaceAsync(HttpContext context)
    {
        var body = JsonNode.Parse((string)context.Items[FakeApiServer.BodyKey]!)!.AsObject();
        lock (_lock)
        {
            if (Failing)
            {
                return Unavailable(context);
            }

            var sent = body["metadata"]?["resourceVersion"]?.GetValue<string>();
            if (_lease is null || sent != _lease["metadata"]!["resourceVersion"]!.GetValue<string>())
            {
                return FakeApiServer.WriteJsonAsync(context, 409, Objects.Status(409, "Conflict", "the object has been modified"));
            }

            _lease = Store(body);
            return FakeApiServer.WriteJsonAsync(context, 200, _lease.ToJsonString());
        }
    }

    private JsonObject Store(JsonObject body)
    {
        Writes++;
        body["metadata"]!["resourceVersion"] = (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return body;
    }

    private static Task Unavailable(HttpContext context) =>
        FakeApiServer.WriteJsonAsync(context, 503, Objects.Status(503, "ServiceUnavailable"));
}
