using Microsoft.Extensions.Logging;

namespace FastScale.Engine.Controllers;

/// <summary>
/// Runs one <see cref="IController"/>'s passes on a <see cref="TimeProvider"/> timer: the first at once, each next one
/// when the previous pass asked for it or when the controller's <see cref="ControllerWakeup"/> is raised, whichever
/// comes first. Passes never overlap. The same driver runs in real time (timer callbacks on the thread pool) and in
/// simulated time (a virtual clock fires the callbacks in order on its own thread), which is what lets <c>plan</c> run
/// the very objects <c>serve</c> runs.
/// </summary>
public sealed class ControllerDriver : IDisposable
{
    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(1);

    private readonly IController _controller;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private CancellationToken _cancellation;
    private bool _running;
    private bool _again;
    private bool _stopped = true;
    private bool _disposed;

    public ControllerDriver(IController controller, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(controller);
        (_controller, _time, _logger) = (controller, time, logger);
    }

    public IController Controller => _controller;

    /// <summary>
    /// Schedules the first pass now; the passes run on <paramref name="cancellationToken"/> until <see cref="Stop"/>.
    /// A stopped driver may be started again (a leader-only controller runs once per term).
    /// </summary>
    public void Start(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_stopped)
            {
                return;
            }

            _stopped = false;
            _cancellation = cancellationToken;
            _timer = _time.CreateTimer(static s => ((ControllerDriver)s!).Fire(), this, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }

        _controller.Wakeup?.Listen(Wake);
    }

    /// <summary>No pass starts after this returns (one already running finishes). The work passes started runs on.</summary>
    public void Stop()
    {
        _controller.Wakeup?.Listen(null);
        lock (_gate)
        {
            _stopped = true;
            _timer?.Dispose();
            _timer = null;
        }
    }

    /// <summary>Waits until the controller's started work is done, for at most <paramref name="timeout"/>; false if it was not.</summary>
    public async Task<bool> WhenIdleAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var start = _time.GetTimestamp();
        while (!_controller.IsIdle)
        {
            if (timeout != Timeout.InfiniteTimeSpan && _time.GetElapsedTime(start) >= timeout)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), _time, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    public void Dispose()
    {
        Stop();
        _disposed = true;
    }

    private void Wake()
    {
        lock (_gate)
        {
            if (_running)
            {
                _again = true;
            }
            else
            {
                _timer?.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void Fire()
    {
        lock (_gate)
        {
            if (_stopped || _running)
            {
                return;
            }

            _running = true;
            _again = false;
        }

        var next = AfterFailure;
        try
        {
            if (!_cancellation.IsCancellationRequested)
            {
                next = _controller.RunOnce(_cancellation);
            }
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            next = Timeout.InfiniteTimeSpan;
        }
        catch (Exception ex)
        {
            // A bug in one pass must not end the loop: the next pass may well succeed, and the failure is logged once each time.
            Log.PassFailed(_logger, _controller.Name, ex);
        }

        lock (_gate)
        {
            _running = false;
            if (_stopped || _cancellation.IsCancellationRequested)
            {
                return;
            }

            _timer?.Change(_again ? TimeSpan.Zero : next, Timeout.InfiniteTimeSpan);
        }
    }
}
