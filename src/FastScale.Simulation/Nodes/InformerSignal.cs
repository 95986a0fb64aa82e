using System.Threading.Channels;
using FastScale.Kubernetes.Informers;

namespace FastScale.Simulation.Nodes;

/// <summary>
/// Turns an informer's changes into a wake-up signal: the simulated controllers (scheduler, ReplicaSet controller) redo
/// a whole pass on any change, so they need to know that something changed, never what.
/// </summary>
internal static class InformerSignal
{
    /// <summary>Writes to <paramref name="signal"/> for every change until the informer's channel ends or the run stops.</summary>
    public static async Task PumpAsync<T>(ChannelReader<InformerChange<T>> changes, ChannelWriter<bool> signal, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            await foreach (var _ in changes.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                signal.TryWrite(true);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
