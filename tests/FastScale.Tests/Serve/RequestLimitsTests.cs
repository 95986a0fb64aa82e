using System.Net;
using System.Net.Http.Headers;
using FastScale.Grpc.CloudProvider;
using FastScale.Grpc.Transport;
using FastScale.Serve;
using FastScale.Testing.Cloud;
using Microsoft.AspNetCore.Builder;

namespace FastScale.Tests.Serve;

/// <summary>Every listener of the provider bounds what a request may make it buffer: body, header block, request line.</summary>
public sealed class RequestLimitsTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _metrics = null!;
    private HttpClient _grpc = null!;

    public async Task InitializeAsync()
    {
        _app = ProviderApp.Build(new ServeSettings
        {
            Policy = EmbeddedPolicy.Load().Policy!,
            Grpc = new GrpcListenOptions { Listen = "127.0.0.1:0" },
            MetricsListen = "127.0.0.1:0",
            Cloud = InMemoryCloud.Factory(),
        });
        await _app.StartAsync();
        _metrics = new HttpClient { BaseAddress = ProviderApp.MetricsAddress(_app) };
        _grpc = new HttpClient
        {
            BaseAddress = ProviderApp.GrpcAddress(_app),
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    public async Task DisposeAsync()
    {
        _metrics.Dispose();
        _grpc.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task MetricsListener_RequestWithABody_Is413(string path)
    {
        using var content = new ByteArrayContent(new byte[64 * 1024]);

        using var response = await _metrics.PostAsync(new Uri(path, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task MetricsListener_HeaderBlockOverTheLimit_Is431()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
        for (var i = 0; i < 8; i++)
        {
            request.Headers.Add($"X-Padding-{i}", new string('a', RequestLimits.MaxHeadersTotalBytes / 8));
        }

        using var response = await _metrics.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task MetricsListener_RequestLineOverTheLimit_Is414()
    {
        using var response = await _metrics.GetAsync(new Uri("/metrics?" + new string('q', RequestLimits.MaxRequestLineBytes), UriKind.Relative));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
    }

    [Fact]
    public async Task MetricsListener_OrdinaryScrape_StillAnswers()
    {
        using var response = await _metrics.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GrpcListener_MessageOverTheLimit_IsRefusedWithResourceExhausted()
    {
        var size = new GrpcTransportOptions().MaxReceiveMessageSize + 1;
        var body = new byte[5 + size];
        body[1] = (byte)(size >> 24);
        body[2] = (byte)(size >> 16);
        body[3] = (byte)(size >> 8);
        body[4] = (byte)size;
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");

        using var response = await _grpc.PostAsync(new Uri($"/{CloudProviderService.ServiceName}/NodeGroups", UriKind.Relative), content);
        await response.Content.ReadAsByteArrayAsync();

        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var trailer) ? trailer.Single()
            : response.Headers.TryGetValues("grpc-status", out var header) ? header.Single() : null;
        Assert.Equal(((int)GrpcStatusCode.ResourceExhausted).ToString(System.Globalization.CultureInfo.InvariantCulture), status);
    }

    [Fact]
    public async Task GrpcListener_HeaderBlockOverTheLimit_IsRefused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/{CloudProviderService.ServiceName}/NodeGroups", UriKind.Relative))
        {
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        // Each field within the per-field limit, the block over the total (and under Kestrel's default of 32 KiB).
        for (var i = 0; i < 5; i++)
        {
            request.Headers.Add($"x-padding-{i}", new string('a', RequestLimits.MaxRequestLineBytes - 96));
        }

        // Kestrel refuses an oversized HTTP/2 header block with 400 (431 over HTTP/1.1): the call never reaches the transport.
        using var response = await _grpc.SendAsync(request);

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.RequestHeaderFieldsTooLarge });
        Assert.False(response.Headers.Contains("grpc-status"));
    }
}
