using System.Net;
using FastScale.Ecs.Actions;
using FastScale.Ecs.Client;
using FastScale.Ecs.Credentials;
using FastScale.Ecs.Tests.Support;
using Microsoft.Extensions.Logging;

namespace FastScale.Ecs.Tests.Client;

public sealed class EcsClientLoggingTests
{
    [Fact]
    public async Task Call_Success_LogsActionRequestIdAndElapsed()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Ok("""{"RequestId":"req-ok"}"""));

        await harness.Client.DeleteInstancesAsync(["i-1"], true, null, CancellationToken.None);

        var entry = Assert.Single(harness.Logger.Entries);
        Assert.Equal(3001, entry.Id.Id);
        Assert.Contains("DeleteInstances", entry.Text, StringComparison.Ordinal);
        Assert.Contains("req-ok", entry.Text, StringComparison.Ordinal);
        Assert.Contains("ElapsedMs", entry.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_Failure_LogsOutcomeCodeAndRequestIdAsWarning()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Error(HttpStatusCode.Forbidden, "OperationDenied.NoStock", "no stock", "req-ns"));

        await harness.Client.RunInstancesAsync(new RunInstancesRequest { Amount = 1 }, CancellationToken.None);

        var entry = Assert.Single(harness.Logger.Entries);
        Assert.Equal(3002, entry.Id.Id);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains("RunInstances OutOfStock: OperationDenied.NoStock request req-ns", entry.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task Calls_AnyOutcome_NeverLogOrReturnTheSecret(EcsSignatureVersion version)
    {
        var answers = new Queue<Func<HttpResponseMessage>>(
        [
            () => FakeEcsHandler.Ok("""{"RequestId":"r"}"""),
            () => FakeEcsHandler.Error(HttpStatusCode.BadRequest, "SignatureDoesNotMatch", "server string to sign is: POST&%2F&..."),
            () => throw new HttpRequestException("Connection refused"),
            () => new HttpResponseMessage(HttpStatusCode.BadGateway),
        ]);
        using var harness = new ClientHarness(_ => answers.Dequeue()(), version, securityToken: "sts-token-secretish");
        var errors = new List<string>();

        for (var i = 0; i < 4; i++)
        {
            var result = await harness.Client.DeleteInstancesAsync(["i-1"], true, null, CancellationToken.None);
            errors.Add(result.Error?.ToString() ?? string.Empty);
        }

        var everything = string.Join("\n", harness.Logger.Entries.Select(e => e.Text).Concat(errors).Append(harness.Credentials.ToString()));
        Assert.Equal(4, harness.Logger.Entries.Count);
        Assert.DoesNotContain(ClientHarness.Secret, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("sts-token-secretish", everything, StringComparison.Ordinal);
        Assert.All(harness.Requests, r => Assert.DoesNotContain(ClientHarness.Secret, r.Uri.ToString(), StringComparison.Ordinal));
        Assert.All(harness.Requests, r => Assert.DoesNotContain(ClientHarness.Secret, string.Join("\n", r.Headers.Values), StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_InvalidOptions_ReportsEveryProblemWithoutTheSecret()
    {
        using var http = new HttpClient();
        var options = new EcsClientOptions { RegionId = "", Endpoint = "ftp://x", CallTimeout = TimeSpan.Zero, PageSize = 5 };

        var ex = Assert.Throws<ArgumentException>(() => new EcsClient(
            http, options, new EcsCredentials("id", "the-secret"), TimeProvider.System, new ListLogger<EcsClient>()));

        Assert.Equal(4, options.Validate().Count);
        Assert.DoesNotContain("the-secret", ex.Message, StringComparison.Ordinal);
    }
}
