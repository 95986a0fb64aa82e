using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FastScale.Kubernetes.Models;
using FastScale.Kubernetes.Models.Reading;
using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Client;

internal sealed class KubernetesApiClient : IKubernetesApiClient
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeHeaderValue MergePatch = new("application/merge-patch+json");

    private readonly HttpClient _http;
    private readonly KubernetesClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly RequestPacer _pacer;

    /// <summary>One string pool and one set of shared values per client, shared by all its lists and watches: informers on one client share strings.</summary>
    private readonly ResponseJson _json = new(new StringPool(), new SharedValues());

    /// <param name="http">Its BaseAddress is the API server; authentication lives in its handler chain.</param>
    public KubernetesApiClient(HttpClient http, KubernetesClientOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _http = http;
        _http.Timeout = Timeout.InfiniteTimeSpan; // watches stay open for minutes; other calls get RequestTimeout
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _pacer = new RequestPacer(options.Qps, options.Burst, timeProvider);
    }

    public Task<KubernetesResult<T>> GetAsync<T>(KubernetesResource<T> resource, string? @namespace, string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject =>
        SendAsync(HttpMethod.Get, resource.ItemPath(@namespace, name), null, _json.For(resource.ObjectType), cancellationToken);

    public Task<KubernetesResult<KubernetesList<T>>> ListAsync<T>(KubernetesResource<T> resource, string? @namespace, ListOptions? options, CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        options ??= new ListOptions();
        var query = new QueryString()
            .Add("labelSelector", options.LabelSelector)
            .Add("fieldSelector", options.FieldSelector)
            .Add("limit", options.Limit is > 0 ? options.Limit : null)
            .Add("continue", options.Continue)
            .Add("resourceVersion", options.ResourceVersion);
        return SendAsync(HttpMethod.Get, resource.CollectionPath(@namespace) + query, null, _json.For(resource.ListType), cancellationToken);
    }

    public async Task<KubernetesResult<ListSnapshot<T>>> ListAllAsync<T>(KubernetesResource<T> resource, string? @namespace, ListOptions? options, CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        options ??= new ListOptions();
        var items = new List<T>();
        string? resourceVersion = null;
        var page = options with { Continue = null };
        while (true)
        {
            var result = await ListAsync(resource, @namespace, page, cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                return result.Error;
            }

            var list = result.Value!;
            items.EnsureCapacity(items.Count + (list.Items?.Count ?? 0) + (int)Math.Min(list.Metadata?.RemainingItemCount ?? 0, 1_000_000));
            items.AddRange(list.Items ?? []);

            // Later pages come from the first page's snapshot, so its version describes the whole list.
            resourceVersion ??= list.Metadata?.ResourceVersion ?? "";
            var next = list.Metadata?.Continue;
            if (string.IsNullOrEmpty(next))
            {
                return ListSnapshot(items, resourceVersion);
            }

            // A continue token carries the snapshot itself; the server refuses it together with a resourceVersion.
            page = page with { Continue = next, ResourceVersion = null };
        }

        static KubernetesResult<ListSnapshot<T>> ListSnapshot(List<T> items, string version) =>
            KubernetesResult<ListSnapshot<T>>.Success(new ListSnapshot<T>(items, version));
    }

    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(KubernetesResource<T> resource, string? @namespace, WatchOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        var path = resource.CollectionPath(@namespace);
        var query = new QueryString()
            .Add("watch", "true")
            .Add("resourceVersion", options.ResourceVersion)
            .Add("allowWatchBookmarks", options.AllowWatchBookmarks ? "true" : null)
            .Add("timeoutSeconds", options.TimeoutSeconds)
            .Add("labelSelector", options.LabelSelector)
            .Add("fieldSelector", options.FieldSelector);

        // Opening a watch is a request like any other; once open its events are not paced.
        await _pacer.WaitAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Get, Relative(path + query));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            Log.WatchRefused(_logger, path, error.Code, error.Reason, error.Message);
            var status = error.Status ?? new Status { Outcome = "Failure", Code = error.Code, Reason = error.Reason, Message = error.Message };
            yield return new WatchEvent<T>(WatchEventType.Error, null, status with { Code = error.Code, Reason = error.Reason });
            yield break;
        }

        Log.WatchOpened(_logger, path, options.ResourceVersion);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var item in WatchStreamReader.ReadAsync(stream, _json.For(resource.ObjectType), cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
    }

    public Task<KubernetesResult<T>> CreateAsync<T>(KubernetesResource<T> resource, T item, CancellationToken cancellationToken)
        where T : class, IKubernetesObject =>
        SendAsync(HttpMethod.Post, resource.CollectionPath(item.Metadata?.Namespace), JsonBody(item, resource.ObjectType, Json), _json.For(resource.ObjectType), cancellationToken);

    public Task<KubernetesResult<T>> ReplaceAsync<T>(KubernetesResource<T> resource, T item, CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        var name = item.Metadata?.Name ?? throw new ArgumentException("metadata.name is required to replace an object", nameof(item));
        return SendAsync(HttpMethod.Put, resource.ItemPath(item.Metadata.Namespace, name), JsonBody(item, resource.ObjectType, Json), _json.For(resource.ObjectType), cancellationToken);
    }

    public Task<KubernetesResult<T>> PatchAsync<T>(KubernetesResource<T> resource, string? @namespace, string name, ReadOnlyMemory<byte> mergePatchJson, PatchTarget target, CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        var path = resource.ItemPath(@namespace, name) + (target == PatchTarget.Status ? "/status" : "");
        var content = new ReadOnlyMemoryContent(mergePatchJson);
        content.Headers.ContentType = MergePatch;
        return SendAsync(HttpMethod.Patch, path, content, _json.For(resource.ObjectType), cancellationToken);
    }

    public async Task<KubernetesResult<DeleteOutcome>> DeleteAsync<T>(KubernetesResource<T> resource, string? @namespace, string name, DeleteOptions? options, bool notFoundIsSuccess, CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        var body = options is null ? null : JsonBody(options, KubernetesJsonContext.Default.DeleteOptions, Json);

        // The answer is the object (graceful deletion) or a Status; either way only success matters.
        var result = await SendAsync<JsonElement>(HttpMethod.Delete, resource.ItemPath(@namespace, name), body, null, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            return KubernetesResult<DeleteOutcome>.Success(DeleteOutcome.Deleted);
        }

        return notFoundIsSuccess && result.Error.IsNotFound
            ? KubernetesResult<DeleteOutcome>.Success(DeleteOutcome.AlreadyGone)
            : result.Error;
    }

    public async Task<KubernetesResult<bool>> BindAsync(string @namespace, string podName, string nodeName, CancellationToken cancellationToken)
    {
        var binding = new Binding
        {
            Metadata = new ObjectMeta { Name = podName, Namespace = @namespace },
            Target = new ObjectReference { ApiVersion = "v1", Kind = "Node", Name = nodeName },
        };
        var path = KubernetesResources.Pods.ItemPath(@namespace, podName) + "/binding";
        var body = JsonBody(binding, KubernetesJsonContext.Default.Binding, Json);

        // The answer is a Success Status; only success matters.
        var result = await SendAsync<JsonElement>(HttpMethod.Post, path, body, null, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? KubernetesResult<bool>.Success(true) : result.Error;
    }

    public async Task<KubernetesResult<EvictionAnswer>> EvictAsync(string @namespace, string podName, DeleteOptions? deleteOptions, CancellationToken cancellationToken)
    {
        var eviction = new Eviction
        {
            Metadata = new ObjectMeta { Name = podName, Namespace = @namespace },
            // Nested, the options are a field of the Eviction, not an object of their own: no apiVersion or kind.
            DeleteOptions = deleteOptions is null ? null : deleteOptions with { ApiVersion = null, Kind = null },
        };
        var path = KubernetesResources.Pods.ItemPath(@namespace, podName) + "/eviction";
        var body = JsonBody(eviction, KubernetesJsonContext.Default.Eviction, Json);

        // The answer is a Success Status (201, or 200 from older servers); only success matters.
        var result = await SendAsync<JsonElement>(HttpMethod.Post, path, body, null, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            return KubernetesResult<EvictionAnswer>.Success(new EvictionAnswer(EvictionOutcome.Evicted));
        }

        return result.Error switch
        {
            { IsTooManyRequests: true } refused => KubernetesResult<EvictionAnswer>.Success(new EvictionAnswer(EvictionOutcome.Refused, refused.RetryAfter)),
            { IsNotFound: true } => KubernetesResult<EvictionAnswer>.Success(new EvictionAnswer(EvictionOutcome.PodGone)),
            var error => error,
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _pacer.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
    }

    /// <param name="responseType">Null: the body is not read (success is all that matters).</param>
    private async Task<KubernetesResult<TOut>> SendAsync<TOut>(HttpMethod method, string pathAndQuery, HttpContent? content, JsonTypeInfo<TOut>? responseType, CancellationToken cancellationToken)
    {
        using (content)
        {
            await _pacer.WaitAsync(cancellationToken).ConfigureAwait(false);
            using var timeout = new CancellationTokenSource(_options.RequestTimeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                using var request = new HttpRequestMessage(method, Relative(pathAndQuery)) { Content = content };
                // A body we read is deserialized as it streams in (a 500-pod list page never exists as one array);
                // the request timeout still covers the last byte because the read happens under the same token.
                var completion = responseType is null ? HttpCompletionOption.ResponseContentRead : HttpCompletionOption.ResponseHeadersRead;
                using var response = await _http.SendAsync(request, completion, linked.Token).ConfigureAwait(false);
                var result = response.IsSuccessStatusCode
                    ? await ReadValueAsync(response, responseType, linked.Token).ConfigureAwait(false)
                    : await ReadErrorAsync(response, linked.Token).ConfigureAwait(false);
                if (!result.IsSuccess)
                {
                    Log.RequestFailed(_logger, method.Method, pathAndQuery, result.Error.Code, result.Error.Reason, result.Error.Message);
                }

                return result;
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                Log.RequestFailed(_logger, method.Method, pathAndQuery, 0, StatusReasons.ConnectionFailed, e.Message);
                return KubernetesApiError.Transport(e.Message);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                var message = $"no answer within {_options.RequestTimeout.TotalSeconds:0.###} s";
                Log.RequestFailed(_logger, method.Method, pathAndQuery, 0, StatusReasons.Timeout, message);
                return new KubernetesApiError(0, StatusReasons.Timeout, message);
            }
        }
    }

    private static async Task<KubernetesResult<TOut>> ReadValueAsync<TOut>(HttpResponseMessage response, JsonTypeInfo<TOut>? responseType, CancellationToken cancellationToken)
    {
        if (responseType is null)
        {
            return KubernetesResult<TOut>.Success(default!);
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            try
            {
                var value = await JsonSerializer.DeserializeAsync(body, responseType, cancellationToken).ConfigureAwait(false);
                return value is null
                    ? new KubernetesApiError((int)response.StatusCode, StatusReasons.MalformedResponse, "the answer was JSON null")
                    : KubernetesResult<TOut>.Success(value);
            }
            catch (JsonException e)
            {
                return new KubernetesApiError((int)response.StatusCode, StatusReasons.MalformedResponse, e.Message);
            }
        }
    }

    private async Task<KubernetesApiError> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        Status? status = null;
        try
        {
            status = body.Length > 0 ? JsonSerializer.Deserialize(body, KubernetesJsonContext.Default.Status) : null;
        }
        catch (JsonException)
        {
            // Not a Status (a proxy's HTML page, say): the HTTP code and the raw text still say what happened.
        }

        var text = body.Length > 0 ? System.Text.Encoding.UTF8.GetString(body) : response.ReasonPhrase ?? "";
        return KubernetesApiError.FromStatus((int)response.StatusCode, status, text, RetryAfter(response));
    }

    /// <summary>The Retry-After header, as seconds or as an HTTP date; null when absent or already past.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } when delta > TimeSpan.Zero => delta,
        { Date: { } date } when date > _timeProvider.GetUtcNow() => date - _timeProvider.GetUtcNow(),
        _ => null,
    };

    /// <summary>Relative to the base address, so a server URL with a path prefix (a proxy's) is kept.</summary>
    private static Uri Relative(string pathAndQuery) => new(pathAndQuery.TrimStart('/'), UriKind.Relative);

    private static ByteArrayContent JsonBody<TBody>(TBody body, JsonTypeInfo<TBody> type, MediaTypeHeaderValue mediaType)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, type));
        content.Headers.ContentType = mediaType;
        return content;
    }
}
