using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FastScale.Simulation.Cluster.Http;

/// <summary>
/// The HTTP front of the store: routes a request to get, list, watch, create, replace, patch, delete or bind and
/// answers as the real API server does (201 on create, Status objects on failure). Authentication, when configured,
/// happens in front of it (<see cref="ClusterAuthenticator"/>); without it any bearer token is accepted.
/// This file parses the wire itself and shares nothing with FastScale's Kubernetes client, so a bug in one cannot
/// hide behind the same bug in the other.
/// </summary>
internal sealed class ClusterApiHandler(ClusterStore store, TimeSpan writeLatency, TimeProvider time, ClusterApiFaults faults)
{
    public async Task HandleAsync(HttpContext context)
    {
        store.Counters.Request();
        var request = context.Request;
        var userAgent = request.Headers.UserAgent.ToString();
        if (!faults.IsExempt(userAgent))
        {
            if (faults.Refuse())
            {
                // A server that is down answers nothing: the client sees its connection reset.
                context.Abort();
                return;
            }

            if (faults.Delay() is { Ticks: > 0 } delay)
            {
                await Task.Delay(delay, time, context.RequestAborted);
            }
        }

        var path = request.Path.Value ?? "/";
        if (path is "/healthz" or "/livez" or "/readyz")
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("ok", context.RequestAborted);
            return;
        }

        if (HttpMethods.IsGet(request.Method) && Discovery.For(path, request.Host.Value ?? "") is { } document)
        {
            await ApiResponses.WriteNodeAsync(context, 200, document);
            return;
        }

        if (ApiRoute.Parse(path) is not { } route)
        {
            await ApiResponses.WriteErrorAsync(context, ApiErrors.PathNotFound());
            return;
        }

        if (!HttpMethods.IsGet(request.Method))
        {
            faults.RecordWrite(userAgent, request.Method, route.Kind.Plural);
        }

        if (writeLatency > TimeSpan.Zero && !HttpMethods.IsGet(request.Method))
        {
            // Before the store sees it: a slow write also delays the watch events it causes, as etcd's latency does.
            await Task.Delay(writeLatency, time, context.RequestAborted);
        }

        try
        {
            await DispatchAsync(context, route);
        }
        catch (JsonException e)
        {
            await ApiResponses.WriteErrorAsync(context, ApiErrors.BadRequest($"the body of the request could not be decoded: {e.Message}"));
        }
    }

    private async Task DispatchAsync(HttpContext context, ApiRoute route)
    {
        var method = context.Request.Method;
        var kind = route.Kind;
        if (route.Name is null)
        {
            if (HttpMethods.IsGet(method))
            {
                await ListOrWatchAsync(context, route);
            }
            else if (HttpMethods.IsPost(method) && (!kind.Namespaced || route.Namespace is not null))
            {
                var body = await ReadObjectAsync(context);
                await AnswerAsync(context, body is null ? BodyRequired() : store.CreateCore(kind, body, route.Namespace), created: true);
            }
            else
            {
                await ApiResponses.WriteErrorAsync(context, ApiErrors.MethodNotAllowed(method));
            }

            return;
        }

        var name = route.Name;
        var status = route.Subresource == "status";
        switch (method)
        {
            case var _ when route.Subresource == "binding":
                if (!HttpMethods.IsPost(method))
                {
                    await ApiResponses.WriteErrorAsync(context, ApiErrors.MethodNotAllowed(method));
                    return;
                }

                var binding = await ReadObjectAsync(context);
                var bound = binding is null ? BodyRequired() : store.BindCore(route.Namespace!, name, binding);
                await (bound.Error is { } bindError
                    ? ApiResponses.WriteErrorAsync(context, bindError)
                    : ApiResponses.WriteNodeAsync(context, 201, ApiResponses.Success(201)));
                return;
            case var _ when route.Subresource == "eviction":
                if (!HttpMethods.IsPost(method))
                {
                    await ApiResponses.WriteErrorAsync(context, ApiErrors.MethodNotAllowed(method));
                    return;
                }

                // policy/v1 and policy/v1beta1 Evictions read alike: metadata and deleteOptions.
                var eviction = await ReadObjectAsync(context);
                var refused = eviction is null ? BodyRequired().Error : store.Evict(route.Namespace!, name, eviction);
                await (refused is not null
                    ? ApiResponses.WriteErrorAsync(context, refused)
                    : ApiResponses.WriteNodeAsync(context, 201, ApiResponses.Success(201)));
                return;
            case var _ when HttpMethods.IsGet(method):
                var found = store.Find(kind, route.Namespace, name);
                await AnswerAsync(context, found is null ? ApiErrors.NotFound(kind, name) : found);
                return;
            case var _ when HttpMethods.IsPut(method):
                var replacement = await ReadObjectAsync(context);
                await AnswerAsync(context, replacement is null ? BodyRequired() : store.ReplaceCore(kind, route.Namespace, name, replacement, status));
                return;
            case var _ when HttpMethods.IsPatch(method):
                await PatchAsync(context, route, status);
                return;
            case var _ when HttpMethods.IsDelete(method) && !status:
                var options = context.Request.ContentLength > 0 ? await ReadObjectAsync(context) : null;
                var deleted = store.DeleteCore(kind, route.Namespace, name, options);
                if (deleted.Object is { } gone && kind != ResourceKind.Pods)
                {
                    // Kinds other than pods answer an immediate delete with a Success Status, not the object.
                    var details = new JsonObject { ["name"] = name, ["kind"] = kind.Plural, ["uid"] = gone.ToJsonObject()["metadata"]?["uid"]?.DeepClone() };
                    await ApiResponses.WriteNodeAsync(context, 200, ApiResponses.Success(200, details));
                    return;
                }

                await AnswerAsync(context, deleted);
                return;
            default:
                await ApiResponses.WriteErrorAsync(context, ApiErrors.MethodNotAllowed(method));
                return;
        }
    }

    private async Task ListOrWatchAsync(HttpContext context, ApiRoute route)
    {
        var query = context.Request.Query;
        if (!ObjectFilter.TryCreate(route.Kind, route.Namespace, query["labelSelector"], query["fieldSelector"], out var filter, out var invalid))
        {
            await ApiResponses.WriteErrorAsync(context, invalid!);
            return;
        }

        if (route.LegacyWatch || query["watch"] is { Count: > 0 } watch && watch[0] is "true" or "1")
        {
            await WatchStream.RunAsync(context, store, filter, query, faults.IsExempt(context.Request.Headers.UserAgent.ToString()) ? null : faults);
            return;
        }

        var limit = int.TryParse(query["limit"], out var parsed) && parsed > 0 ? parsed : 0;
        var (page, error) = store.ListCore(filter, new ListQuery(query["resourceVersion"], query["resourceVersionMatch"], limit, query["continue"]));
        await (error is not null ? ApiResponses.WriteErrorAsync(context, error) : ApiResponses.WriteListAsync(context, route.Kind, page!));
    }

    private async Task PatchAsync(HttpContext context, ApiRoute route, bool status)
    {
        var contentType = context.Request.ContentType?.Split(';')[0].Trim() ?? "";
        PatchType? type = contentType switch
        {
            "application/merge-patch+json" => PatchType.Merge,
            "application/strategic-merge-patch+json" => PatchType.StrategicMerge,
            "application/json-patch+json" => PatchType.Json,
            _ => null,
        };
        if (type is null)
        {
            await ApiResponses.WriteErrorAsync(context, ApiErrors.UnsupportedMediaType(contentType));
            return;
        }

        var patch = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        await AnswerAsync(context, store.PatchCore(route.Kind, route.Namespace, route.Name!, type.Value, patch, status));
    }

    private static Task AnswerAsync(HttpContext context, Outcome outcome, bool created = false) =>
        outcome.Error is { } error
            ? ApiResponses.WriteErrorAsync(context, error)
            : ApiResponses.WriteObjectAsync(context, created ? 201 : 200, outcome.Object!.Json);

    private static async Task<JsonObject?> ReadObjectAsync(HttpContext context) =>
        await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;

    private static Outcome BodyRequired() => ApiErrors.BadRequest("the request body must be a JSON object");
}
