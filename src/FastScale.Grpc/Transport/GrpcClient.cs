using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace FastScale.Grpc.Transport;

/// <summary>
/// A unary gRPC client over <see cref="HttpClient"/> and HTTP/2, for our own tests, benchmarks and load-test drivers.
/// The real peers (grpc-js, grpcio) prove the server; this client only needs to speak the same wire.
/// </summary>
public sealed class GrpcClient : IDisposable
{
    private static readonly MediaTypeHeaderValue GrpcContentType = new("application/grpc");
    private readonly HttpClient _http;
    private readonly Uri _address;

    /// <param name="address">http://HOST:PORT for h2c, https://HOST:PORT for TLS.</param>
    /// <param name="handler">The HTTP handler, e.g. one with client certificates; default: a pooled SocketsHttpHandler.</param>
    public GrpcClient(Uri address, HttpMessageHandler? handler = null)
    {
        _address = address;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { EnableMultipleHttp2Connections = true })
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    public int MaxReceiveMessageSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>Calls <c>/service/method</c>; a non-OK status throws <see cref="GrpcStatusException"/>.</summary>
    public async Task<TResponse> UnaryAsync<TResponse>(
        string service,
        string method,
        IMessage request,
        MessageParser<TResponse> parser,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
        where TResponse : IMessage<TResponse>
    {
        var size = request.CalculateSize();
        var body = new byte[GrpcFrame.HeaderSize + size];
        GrpcFrame.WriteHeader(body, size);
        request.WriteTo(body.AsSpan(GrpcFrame.HeaderSize));

        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_address, $"/{service}/{method}"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body) { Headers = { ContentType = GrpcContentType } },
        };
        message.Headers.TryAddWithoutValidation("te", "trailers");
        if (timeout is { } span)
        {
            message.Headers.TryAddWithoutValidation(GrpcTimeout.HeaderName, GrpcTimeout.Format(span));
        }

        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new GrpcStatusException(FromHttpStatus(response.StatusCode), $"HTTP status {(int)response.StatusCode} from {service}/{method}");
        }

        // Trailers-Only: the status is in the headers and there is no body.
        ThrowIfNotOk(response.Headers);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        ThrowIfNotOk(response.TrailingHeaders);
        if (!response.TrailingHeaders.Contains("grpc-status"))
        {
            throw new GrpcStatusException(GrpcStatusCode.Internal, $"{service}/{method}: the response carried no grpc-status");
        }

        var sequence = new ReadOnlySequence<byte>(bytes);
        if (!GrpcFrame.TryRead(ref sequence, MaxReceiveMessageSize, out var frame) || !sequence.IsEmpty)
        {
            throw new GrpcStatusException(GrpcStatusCode.Internal, $"{service}/{method}: the response is not exactly one gRPC message");
        }

        return parser.ParseFrom(frame);
    }

    public void Dispose() => _http.Dispose();

    private static void ThrowIfNotOk(HttpHeaders headers)
    {
        if (!headers.TryGetValues("grpc-status", out var values))
        {
            return;
        }

        var text = values.FirstOrDefault();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            throw new GrpcStatusException(GrpcStatusCode.Internal, $"malformed grpc-status '{text}'");
        }

        if (code != 0)
        {
            var detail = headers.TryGetValues("grpc-message", out var messages) ? GrpcStatusMessage.Decode(messages.FirstOrDefault()) : "";
            throw new GrpcStatusException((GrpcStatusCode)code, detail);
        }
    }

    // The gRPC spec's mapping for answers that never reached a gRPC server (a proxy, a wrong port).
    private static GrpcStatusCode FromHttpStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => GrpcStatusCode.Internal,
        HttpStatusCode.Unauthorized => GrpcStatusCode.Unauthenticated,
        HttpStatusCode.Forbidden => GrpcStatusCode.PermissionDenied,
        HttpStatusCode.NotFound => GrpcStatusCode.Unimplemented,
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
            => GrpcStatusCode.Unavailable,
        _ => GrpcStatusCode.Unknown,
    };
}
