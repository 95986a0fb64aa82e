using FastScale.Engine.Background;

namespace FastScale.Burst;

/// <summary>
/// The provider's ECS transport in a <c>restart-N</c> run: it passes calls through until ECS has accepted the
/// <see cref="CrashAtRunInstances"/>-th RunInstances call, then the provider "dies" at the worst moment: that call's
/// instances exist in the cloud, but its answer never reaches the provider, and from then on nothing the old process
/// sends leaves it (calls hang until the process is stopped), nor do the RunInstances calls counted after the fatal one.
/// So the new process must find the fatal batch by its tags, and launch the batches that never left.
/// </summary>
/// <param name="crashAtRunInstances">The RunInstances call (1-based) at which the process dies.</param>
/// <param name="answerLost">True: that call reaches ECS and only its answer is lost. False: it never leaves the process.</param>
/// <param name="inner">The way to ECS: sockets in a burst, the emulator's in-process handler in a plan.</param>
internal sealed class ProviderCrash(int crashAtRunInstances, bool answerLost = true, HttpMessageHandler? inner = null)
    : DelegatingHandler(inner ?? new SocketsHttpHandler())
{
    private readonly TaskCompletionSource _crashed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _runInstances;

    public int CrashAtRunInstances => crashAtRunInstances;

    /// <summary>Completes when the answer of the chosen RunInstances call has been swallowed.</summary>
    public Task Crashed => _crashed.Task;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_crashed.Task.IsCompleted)
        {
            return await HangAsync(cancellationToken).ConfigureAwait(false);
        }

        var action = request.Headers.TryGetValues("x-acs-action", out var values) ? values.FirstOrDefault() : null;
        var number = action == "RunInstances" ? Interlocked.Increment(ref _runInstances) : 0;
        if (number > crashAtRunInstances)
        {
            // Batches after the fatal one were still queued in the dying process: they never reach the cloud.
            return await HangAsync(cancellationToken).ConfigureAwait(false);
        }

        var isTheOne = number == crashAtRunInstances;
        if (isTheOne && !answerLost)
        {
            _crashed.TrySetResult();
            return await HangAsync(cancellationToken).ConfigureAwait(false);
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!isTheOne)
        {
            return response;
        }

        response.Dispose();
        _crashed.TrySetResult();
        return await HangAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Never answers; ends only when the call is cancelled, and then on the cancelling thread (no timer, no thread
    /// pool), so in a plan the dead process's calls end on the virtual clock's thread like everything else.
    /// </summary>
    private static async Task<HttpResponseMessage> HangAsync(CancellationToken cancellationToken)
    {
        await Cancellation.WhenCancelled(cancellationToken).ConfigureAwait(false);
        throw new OperationCanceledException(cancellationToken);
    }
}
