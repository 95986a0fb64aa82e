using System.Threading.Channels;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;

namespace FastScale.Kubernetes.Tests.Adapters.Demand;

/// <summary>An informer whose changes the test publishes; RunAsync waits for cancellation like the real one.</summary>
internal sealed class ScriptedPodInformer : IInformer<Pod>
{
    private readonly Channel<InformerChange<Pod>> _changes = Channel.CreateUnbounded<InformerChange<Pod>>();

    public bool HasSynced { get; set; } = true;

    public string? ResourceVersion => "1";

    public int Count => 0;

    public void Publish(InformerChange<Pod> change) => _changes.Writer.TryWrite(change);

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Pod? Get(string key) => null;

    public IReadOnlyList<Pod> List() => [];

    public IReadOnlyList<Pod> GetByIndex(string indexName, string value) => [];

    public ChannelReader<InformerChange<Pod>> Subscribe(bool replayExisting = true) => _changes.Reader;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
