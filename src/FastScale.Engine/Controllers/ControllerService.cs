using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FastScale.Engine.Controllers;

/// <summary>
/// The hosted form of a <see cref="ControllerDriver"/> for <c>serve</c> and <c>burst</c>: passes start with the host
/// (or, gated on leadership, with each term) and stop with it; on stop, the work already started may finish for
/// <paramref name="drainTimeout"/>, then it is cancelled.
/// </summary>
public sealed class ControllerService(IController controller, TimeProvider time, ILogger logger, TimeSpan drainTimeout) : IHostedService, IDisposable
{
    private readonly ControllerDriver _driver = new(controller, time, logger);
    private CancellationTokenSource _work = new();

    public IController Controller => controller;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_work.IsCancellationRequested)
        {
            _work.Dispose();
            _work = new CancellationTokenSource();
        }

        _driver.Start(_work.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _driver.Stop();
        try
        {
            await _driver.WhenIdleAsync(drainTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host gave up waiting: cancel below.
        }

        await _work.CancelAsync().ConfigureAwait(false);
    }

    public void Dispose()
    {
        _driver.Dispose();
        _work.Dispose();
    }
}
