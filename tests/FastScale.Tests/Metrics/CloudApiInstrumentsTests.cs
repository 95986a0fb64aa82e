using FastScale.Engine.Cloud;
using FastScale.Engine.Launch;
using FastScale.Engine.Policy;
using FastScale.Metrics;
using FastScale.Testing.Cloud;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Tests.Metrics;

/// <summary>The cloud API budget's instruments as /metrics shows them, for states too brief to catch in a full provider.</summary>
public sealed class CloudApiInstrumentsTests : IDisposable
{
    private const CloudAction Run = CloudAction.RunInstances;
    private readonly TestMeterFactory _factory = new();
    private readonly PrometheusExporter _exporter;
    private readonly CloudApiBudget _budget;

    public CloudApiInstrumentsTests()
    {
        _exporter = new PrometheusExporter(_factory, NullLogger<PrometheusExporter>.Instance, new PrometheusExporterOptions());
        _budget = new CloudApiBudget(new ScalePolicy(), new CloudApiBudgetOptions(), new FakeTimeProvider(),
            NullLogger<CloudApiBudget>.Instance, new CloudApiMetrics(_factory));
    }

    public void Dispose()
    {
        _budget.Dispose();
        _exporter.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task CallAsync_WhileTheCloudHasNotAnswered_CountsTheCallInFlight()
    {
        var answer = new TaskCompletionSource<CloudResult<bool>>();

        var call = _budget.CallAsync(Run, ApiPriority.ScaleOut, _ => answer.Task, CancellationToken.None);
        var during = new Scrape(_exporter.Scrape());
        answer.SetResult(CloudResult<bool>.Ok(true));
        await call;
        var after = new Scrape(_exporter.Scrape());

        Assert.Equal(1, during.Value("fastscale_cloud_api_in_flight", ("action", "RunInstances")));
        Assert.Null(during.Value("fastscale_cloud_api_calls_total", ("action", "RunInstances"), ("outcome", "success")));
        Assert.Equal(0, after.Value("fastscale_cloud_api_in_flight", ("action", "RunInstances")));
        Assert.Equal(1, after.Value("fastscale_cloud_api_calls_total", ("action", "RunInstances"), ("outcome", "success")));
    }

    [Fact]
    public async Task CallAsync_Cancelled_LeavesFlightWithoutCountingACall()
    {
        using var cancel = new CancellationTokenSource();
        var answer = new TaskCompletionSource<CloudResult<bool>>();

        var call = _budget.CallAsync(Run, ApiPriority.ScaleOut, async ct =>
        {
            await using var _ = ct.Register(() => answer.TrySetCanceled(ct));
            return await answer.Task;
        }, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        var after = new Scrape(_exporter.Scrape());

        Assert.Equal(0, after.Value("fastscale_cloud_api_in_flight", ("action", "RunInstances")));
        Assert.Null(after.Value("fastscale_cloud_api_calls_total", ("action", "RunInstances")));
    }

    [Fact]
    public async Task Report_ThrottledAnswersOfOnePause_CountOneThrottle()
    {
        // An action's very first call goes alone; once it is answered, calls go together.
        _budget.Report(await _budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None), null);
        var first = await _budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None);
        var second = await _budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None);

        _budget.Report(first, CloudFaults.Throttled());
        _budget.Report(second, CloudFaults.Throttled());

        Assert.Equal(1, new Scrape(_exporter.Scrape()).Value("fastscale_cloud_api_throttled_total", ("action", "RunInstances")));
    }
}
