using System.Threading.Channels;

namespace FastScale.Engine.NodeGroups;

/// <summary>Wakes the reconciler when a target changes, so launches start at once instead of at the next poll.</summary>
public sealed class ScaleSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Raise() => _channel.Writer.TryWrite(true);

    /// <summary>
    /// Takes a pending signal without waiting. For a driver that runs the reconciler's passes itself in simulated time
    /// (<c>fastscale plan</c>): awaiting the channel would resume the pass on the thread pool, outside the virtual clock.
    /// </summary>
    internal bool TryTake() => _channel.Reader.TryRead(out _);

    internal async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeoutSource.Token, cancellationToken);
        try
        {
            await _channel.Reader.ReadAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed without a signal: time for a routine pass.
        }
    }
}
