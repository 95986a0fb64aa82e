namespace FastScale.Grpc.Tests.Interop.GrpcNet;

/// <summary>
/// Replaces the grpc-timeout header Grpc.Net.Client sends. The client ignores a grpc-timeout given as call metadata,
/// and with a short deadline of its own it gives up and reports DEADLINE_EXCEEDED itself, which proves nothing about
/// the server. With this handler the client keeps a long deadline while the server is told a short (or malformed) one,
/// so only the server's answer can come back.
/// </summary>
internal sealed class GrpcTimeoutOverride(string value, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove("grpc-timeout");
        request.Headers.TryAddWithoutValidation("grpc-timeout", value);
        return base.SendAsync(request, cancellationToken);
    }
}
