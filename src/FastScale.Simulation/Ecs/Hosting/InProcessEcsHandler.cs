using System.Net;
using System.Text;
using FastScale.Simulation.Ecs.Wire;

namespace FastScale.Simulation.Ecs.Hosting;

/// <summary>
/// Hands an <see cref="HttpClient"/>'s requests straight to an <see cref="EcsEmulator"/> in this process: no socket,
/// no server, but the same signed request, the same emulator checks (signature, QPS limits, faults) and the same JSON
/// answer the client parses. The answer is ready when <c>SendAsync</c> returns, so a caller's continuation runs inline,
/// which is what simulated time needs (see <c>VirtualTimeProvider</c>).
/// </summary>
public sealed class InProcessEcsHandler(EcsEmulator emulator) : HttpMessageHandler
{
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = string.Join(",", values);
        }

        var body = Array.Empty<byte>();
        if (request.Content is { } content)
        {
            foreach (var (name, values) in content.Headers)
            {
                headers[name] = string.Join(",", values);
            }

            using var stream = content.ReadAsStream(cancellationToken);
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            body = buffer.ToArray();
        }

        var uri = request.RequestUri ?? throw new InvalidOperationException("the request has no URI");
        headers.TryAdd("host", uri.Authority);
        if (EmulatorRoutes.IsMetadata(uri.AbsolutePath))
        {
            var metadata = emulator.Metadata.Handle(request.Method.Method, uri.AbsolutePath, headers.GetValueOrDefault);
            return new HttpResponseMessage((HttpStatusCode)metadata.StatusCode)
            {
                Content = new StringContent(metadata.Body, Encoding.UTF8, metadata.ContentType),
                RequestMessage = request,
            };
        }

        var answer = EmulatorRoutes.HandleRpc(emulator, new EcsWireRequest
        {
            Method = request.Method.Method,
            Path = uri.AbsolutePath,
            RawQuery = uri.Query,
            Headers = headers,
            Body = body,
            RemoteAddress = "in-process",
        });

        return new HttpResponseMessage((HttpStatusCode)answer.Status)
        {
            Content = new StringContent(answer.Json, Encoding.UTF8, "application/json"),
            RequestMessage = request,
        };
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(Send(request, cancellationToken));
}
