using System.Collections.Concurrent;
using System.Text;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Tests.TestSupport;

/// <summary>A scripted API server on a loopback port: tests queue answers per method and path (one-shot answers
/// first, in order, then standing ones) and read back every request. Not a simulator: it knows no semantics.</summary>
internal sealed class FakeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<Route> _oneShot = [];
    private readonly List<Route> _standing = [];

    /// <summary>The request body, already read for the log, is in HttpContext.Items under this key.</summary>
    public const string BodyKey = "body";

    private FakeApiServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<FakeApiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeApiServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Urls.First());
        return server;
    }

    public IKubernetesApiClient CreateClient(TimeProvider? timeProvider = null, KubernetesClientOptions? options = null, string token = "test-token") =>
        KubernetesApiClientFactory.Create(KubernetesClientConfig.ForServer(BaseAddress, token), options ?? new KubernetesClientOptions { Qps = 0 }, timeProvider);

    /// <summary>Answer matching requests with <paramref name="respond"/>; <paramref name="once"/> answers only the next one.</summary>
    public void On(string method, string path, Func<HttpContext, Task> respond, bool once = true, bool watch = false)
    {
        var routes = once ? _oneShot : _standing;
        lock (routes)
        {
            routes.Add(new Route(method, path, watch, respond));
        }
    }

    public void OnJson(string method, string path, int status, string json, bool once = true) =>
        On(method, path, context => WriteJsonAsync(context, status, json), once);

    public void OnStatus(string method, string path, int code, string reason, string message = "scripted", bool once = true) =>
        OnJson(method, path, code, Objects.Status(code, reason, message), once);

    /// <summary>The next watch on <paramref name="path"/> streams what the returned script sends, until it ends.</summary>
    public WatchScript OnWatch(string path)
    {
        var script = new WatchScript();
        On("GET", path, script.ServeAsync, once: true, watch: true);
        return script;
    }

    public static async Task WriteJsonAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        context.Items[BodyKey] = body;
        Requests.Enqueue(new RecordedRequest(
            request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", body,
            request.Headers.Authorization.ToString(), request.ContentType, request.Headers.UserAgent.ToString()));

        var isWatch = request.Query["watch"] == "true";
        var route = Take(_oneShot, request.Method, request.Path, isWatch) ?? Find(_standing, request.Method, request.Path, isWatch);
        if (route is null)
        {
            await WriteJsonAsync(context, 404, """{"kind":"Status","apiVersion":"v1","status":"Failure","message":"no scripted answer","reason":"NotFound","code":404}""");
            return;
        }

        await route.Respond(context);
    }

    private static Route? Find(List<Route> routes, string method, string path, bool watch)
    {
        lock (routes)
        {
            return routes.FirstOrDefault(r => r.Matches(method, path, watch));
        }
    }

    private static Route? Take(List<Route> routes, string method, string path, bool watch)
    {
        lock (routes)
        {
            var route = routes.FirstOrDefault(r => r.Matches(method, path, watch));
            if (route is not null)
            {
                routes.Remove(route);
            }

            return route;
        }
    }

    private sealed record Route(string Method, string Path, bool Watch, Func<HttpContext, Task> Respond)
    {
        public bool Matches(string method, string path, bool watch) => Method == method && Path == path && Watch == watch;
    }
}
