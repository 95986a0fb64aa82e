using System.Net;
using System.Text;
using FastScale.Ecs.Tests.Support;
using FastScale.Engine.Cloud;

namespace FastScale.Ecs.Tests.Client;

public sealed class EcsErrorResponseTests
{
    [Fact]
    public async Task Call_ThrottlingWithRetryAfter_IsThrottledWithTheHintAndRequestId()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Json(
            HttpStatusCode.BadRequest,
            """{"RequestId":"req-7","HostId":"h","Code":"Throttling.User","Message":"Request was denied due to user flow control."}""",
            ("x-acs-retry-after", "2500")));

        var result = await harness.Client.DeleteInstancesAsync(["i-1"], true, null, CancellationToken.None);

        Assert.Equal(
            new CloudError(CloudErrorKind.Throttled, "Throttling.User", "Request was denied due to user flow control.", "req-7", TimeSpan.FromMilliseconds(2500)),
            result.Error);
    }

    [Fact]
    public async Task Call_ThrottlingWithoutRetryAfter_HasNoHint()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Error(HttpStatusCode.BadRequest, "Throttling"));

        var result = await harness.Client.StartInstancesAsync(["i-1"], CancellationToken.None);

        Assert.Equal(CloudErrorKind.Throttled, result.Error!.Kind);
        Assert.Null(result.Error.RetryAfter);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "OperationDenied.NoStock", CloudErrorKind.OutOfStock)]
    [InlineData(HttpStatusCode.InternalServerError, "InternalError", CloudErrorKind.Transient)]
    [InlineData(HttpStatusCode.BadRequest, "IdempotentParameterMismatch", CloudErrorKind.IdempotencyMismatch)]
    [InlineData(HttpStatusCode.BadRequest, "SignatureDoesNotMatch", CloudErrorKind.Unauthorized)]
    public async Task RunInstances_EcsErrorBody_KeepsCodeMessageAndRequestId(HttpStatusCode status, string code, CloudErrorKind kind)
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Error(status, code, "explained", "req-42"));

        var result = await harness.Client.RunInstancesAsync(new() { Amount = 1, ImageId = "img" }, CancellationToken.None);

        Assert.Equal(new CloudError(kind, code, "explained", "req-42"), result.Error);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadGateway, "<html>bad gateway</html>")]
    [InlineData(HttpStatusCode.BadRequest, "not json at all")]
    [InlineData(HttpStatusCode.BadRequest, "{}")]
    [InlineData(HttpStatusCode.OK, "<xml/>")]
    [InlineData(HttpStatusCode.OK, "")]
    public async Task Call_NonEcsBody_IsTransient(HttpStatusCode status, string body)
    {
        using var harness = new ClientHarness(_ => new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "text/html") });

        var result = await harness.Client.StartInstancesAsync(["i-1"], CancellationToken.None);

        Assert.Equal(CloudErrorKind.Transient, result.Error!.Kind);
        Assert.Equal("InvalidResponse", result.Error.Code);
    }

    [Fact]
    public async Task Call_ConnectionRefused_IsTransient()
    {
        using var harness = new ClientHarness(HttpResponseMessage (_) => throw new HttpRequestException("Connection refused (127.0.0.1:8080)"));

        var result = await harness.Client.StartInstancesAsync(["i-1"], CancellationToken.None);

        Assert.Equal(CloudErrorKind.Transient, result.Error!.Kind);
        Assert.Equal("ConnectionFailed", result.Error.Code);
    }

    [Fact]
    public async Task Call_NoAnswerWithinTimeout_IsTransientOnTheInjectedClock()
    {
        var never = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        ClientHarness? harness = null;
        harness = new ClientHarness(_ =>
        {
            // The deadline is measured on the fake clock: advance it past CallTimeout while the call hangs.
            harness!.Time.Advance(TimeSpan.FromSeconds(11));
            return never.Task;
        });
        using var _ = harness;

        var result = await harness.Client.StartInstancesAsync(["i-1"], CancellationToken.None);

        Assert.Equal(CloudErrorKind.Transient, result.Error!.Kind);
        Assert.Equal("RequestTimeout", result.Error.Code);
    }

    [Fact]
    public async Task Call_CancelledByCaller_Throws()
    {
        using var cts = new CancellationTokenSource();
        using var harness = new ClientHarness(_ =>
        {
            cts.Cancel();
            return new TaskCompletionSource<HttpResponseMessage>().Task;
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Client.StartInstancesAsync(["i-1"], cts.Token));
    }
}
