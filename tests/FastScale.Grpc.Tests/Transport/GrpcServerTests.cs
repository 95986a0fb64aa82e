using System.Net;
using System.Net.Http.Headers;
using FastScale.Grpc.Protos;
using FastScale.Grpc.Transport;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Grpc.Tests.Transport;

/// <summary>The transport end to end: real Kestrel, real HTTP/2, our client or raw HTTP requests.</summary>
public sealed class GrpcServerTests : IAsyncLifetime
{
    private const string Service = "test.Sizes";
    private readonly TaskCompletionSource _slowCallCancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TestGrpcServer _server = null!;
    private GrpcClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await TestGrpcServer.StartAsync(registry => registry
            .AddUnary(Service, "Echo", NodeGroupTargetSizeRequest.Parser,
                (r, _) => ValueTask.FromResult(new NodeGroupTargetSizeResponse { TargetSize = r.Id.Length }))
            .AddUnary<NodeGroupTargetSizeRequest, NodeGroupTargetSizeResponse>(Service, "Crash", NodeGroupTargetSizeRequest.Parser,
                (_, _) => throw new InvalidOperationException("a bug"))
            .AddUnary<NodeGroupTargetSizeRequest, NodeGroupTargetSizeResponse>(Service, "Refuse", NodeGroupTargetSizeRequest.Parser,
                (r, _) => throw new GrpcStatusException(GrpcStatusCode.NotFound, $"no group {r.Id} ✗ 100%"))
            .AddUnary(Service, "Hang", NodeGroupTargetSizeRequest.Parser, async (_, cancellationToken) =>
            {
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, new FakeTimeProvider(), cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    _slowCallCancelled.TrySetResult();
                    throw;
                }

                return new NodeGroupTargetSizeResponse();
            }));
        _client = new GrpcClient(_server.Address);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private Task<NodeGroupTargetSizeResponse> CallAsync(string method, string id = "g1", TimeSpan? timeout = null) =>
        _client.UnaryAsync(Service, method, new NodeGroupTargetSizeRequest { Id = id }, NodeGroupTargetSizeResponse.Parser, timeout);

    private async Task<GrpcStatusCode> StatusOfAsync(Task call) => (await Assert.ThrowsAsync<GrpcStatusException>(() => call)).StatusCode;

    [Fact]
    public async Task Unary_WellFormedCall_AnswersTheMessage()
    {
        Assert.Equal(5, (await CallAsync("Echo", "abcde")).TargetSize);
    }

    [Fact]
    public async Task Unary_EmptyRequestMessage_IsServed()
    {
        Assert.Equal(0, (await CallAsync("Echo", "")).TargetSize);
    }

    [Fact]
    public async Task Unary_ManyConcurrentCallsOnOneConnection_AllAnswerTheirOwnRequest()
    {
        var calls = Enumerable.Range(1, 200).Select(async n => (n, (await CallAsync("Echo", new string('x', n))).TargetSize));

        foreach (var (sent, answered) in await Task.WhenAll(calls))
        {
            Assert.Equal(sent, answered);
        }
    }

    [Fact]
    public async Task Unary_UnknownMethod_IsUnimplementedNamingTheMethod()
    {
        var error = await Assert.ThrowsAsync<GrpcStatusException>(() => CallAsync("Nope"));

        Assert.Equal(GrpcStatusCode.Unimplemented, error.StatusCode);
        Assert.Contains("Nope", error.Message);
    }

    [Fact]
    public async Task Unary_UnknownService_IsUnimplemented()
    {
        var call = _client.UnaryAsync("other.Service", "Echo", new NodeGroupTargetSizeRequest(), NodeGroupTargetSizeResponse.Parser);

        Assert.Equal(GrpcStatusCode.Unimplemented, await StatusOfAsync(call));
    }

    [Fact]
    public async Task Unary_HandlerRefuses_StatusAndEncodedMessageArriveIntact()
    {
        var error = await Assert.ThrowsAsync<GrpcStatusException>(() => CallAsync("Refuse", "g7"));

        Assert.Equal(GrpcStatusCode.NotFound, error.StatusCode);
        Assert.Equal("no group g7 ✗ 100%", error.Message);
    }

    [Fact]
    public async Task Unary_HandlerThrowsUnexpectedly_IsInternalNeverUnknown_AndTheServerKeepsServing()
    {
        Assert.Equal(GrpcStatusCode.Internal, await StatusOfAsync(CallAsync("Crash")));
        Assert.Equal(2, (await CallAsync("Echo", "ok")).TargetSize);
    }

    [Fact]
    public async Task Unary_DeadlineExpiresMidCall_AnswersDeadlineExceededAndCancelsTheHandler()
    {
        var error = await Assert.ThrowsAsync<GrpcStatusException>(() => CallAsync("Hang", timeout: TimeSpan.FromMilliseconds(50)));

        Assert.Equal(GrpcStatusCode.DeadlineExceeded, error.StatusCode);
        await _slowCallCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);
    }

    [Fact]
    public async Task Unary_MalformedProtobuf_IsInternal()
    {
        // Field 1 (string) announces 100 bytes and carries 2.
        var response = await SendRawAsync("Echo", [0, 0, 0, 0, 4, 0x0A, 100, 1, 2]);

        Assert.Equal("13", GrpcStatus(response));
    }

    [Fact]
    public async Task Unary_OversizedMessage_IsResourceExhausted()
    {
        var header = new byte[] { 0, 0, 0x40, 0, 1 }; // 4 MiB + 1, never sent
        var response = await SendRawAsync("Echo", header);

        Assert.Equal("8", GrpcStatus(response));
    }

    [Fact]
    public async Task Unary_MalformedTimeoutHeader_IsInternal()
    {
        var response = await SendRawAsync("Echo", [0, 0, 0, 0, 0], ("grpc-timeout", "soon"));

        Assert.Equal("13", GrpcStatus(response));
    }

    [Fact]
    public async Task Unary_NonGrpcContentType_IsRefusedWithHttp415()
    {
        using var http = NewHttp2Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.Address, $"/{Service}/Echo"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Unary_ResponseOverTheSendLimit_IsResourceExhausted()
    {
        await using var server = await TestGrpcServer.StartAsync(
            r => r.AddUnary(Service, "Big", NodeGroupsRequest.Parser, (_, _) =>
            {
                var answer = new NodeGroupsResponse();
                answer.NodeGroups.Add(new NodeGroup { Id = new string('g', 200), Debug = new string('d', 200) });
                return ValueTask.FromResult(answer);
            }),
            new GrpcTransportOptions { MaxSendMessageSize = 100 });
        using var client = new GrpcClient(server.Address);

        var call = client.UnaryAsync(Service, "Big", new NodeGroupsRequest(), NodeGroupsResponse.Parser);

        Assert.Equal(GrpcStatusCode.ResourceExhausted, await StatusOfAsync(call));
    }

    private static HttpClient NewHttp2Client() => new() { DefaultRequestVersion = HttpVersion.Version20 };

    private async Task<HttpResponseMessage> SendRawAsync(string method, byte[] body, params (string Name, string Value)[] headers)
    {
        using var http = NewHttp2Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.Address, $"/{Service}/{method}"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/grpc") } },
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return response;
    }

    private static string? GrpcStatus(HttpResponseMessage response) =>
        response.Headers.TryGetValues("grpc-status", out var values) ? values.First()
        : response.TrailingHeaders.TryGetValues("grpc-status", out var trailers) ? trailers.First() : null;
}
