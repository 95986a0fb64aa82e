using System.Net;
using System.Text;

namespace FastScale.Ecs.Tests.Support;

/// <summary>Answers each request from a script and records what was sent.</summary>
internal sealed class FakeEcsHandler(Func<CapturedRequest, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    public FakeEcsHandler(Func<CapturedRequest, HttpResponseMessage> respond)
        : this(request => Task.FromResult(respond(request)))
    {
    }

    public List<CapturedRequest> Requests { get; } = [];

    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    public static HttpResponseMessage Ok(string json) => Json(HttpStatusCode.OK, json);

    public static HttpResponseMessage Error(HttpStatusCode status, string code, string message = "boom", string requestId = "req-err") =>
        Json(status, $$"""{"RequestId":"{{requestId}}","HostId":"ecs.example","Code":"{{code}}","Message":"{{message}}","Recommend":"https://example"}""");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = string.Join(",", header.Value);
        }

        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers)
            {
                headers[header.Key] = string.Join(",", header.Value);
            }
        }

        var captured = new CapturedRequest(request.Method, request.RequestUri!, headers, body, request.Content?.Headers.ContentType?.MediaType);
        lock (Requests)
        {
            Requests.Add(captured);
        }

        cancellationToken.ThrowIfCancellationRequested();
        // A real handler aborts on cancellation even when the server never answers.
        return await respond(captured).WaitAsync(cancellationToken);
    }
}
