using System.Threading.Channels;
using FastScale.Kubernetes.Adapters.Nodes;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;

namespace FastScale.Kubernetes.Tests.Adapters.Nodes;

/// <summary>An informer a test feeds by hand, with the provider's real index functions: <see cref="Put"/> stores a node and tells every subscriber.</summary>
internal sealed class FakeNodeInformer : IInformer<Node>
{
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal);
    private readonly List<Channel<InformerChange<Node>>> _subscribers = [];
    private readonly Lock _gate = new();

    public bool HasSynced => true;

    public string? ResourceVersion => "1";

    public int Count => _nodes.Count;

    public void Put(Node node)
    {
        lock (_gate)
        {
            var name = node.Metadata!.Name!;
            var type = _nodes.TryGetValue(name, out var previous) ? InformerChangeType.Updated : InformerChangeType.Added;
            _nodes[name] = node;
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(new InformerChange<Node>(type, node, previous));
            }
        }
    }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Node? Get(string key)
    {
        lock (_gate)
        {
            return _nodes.GetValueOrDefault(key);
        }
    }

    public IReadOnlyList<Node> List()
    {
        lock (_gate)
        {
            return [.. _nodes.Values];
        }
    }

    public IReadOnlyList<Node> GetByIndex(string indexName, string value)
    {
        lock (_gate)
        {
            return [.. _nodes.Values.Where(n => NodeIndexes.ForNodes[indexName](n).Contains(value, StringComparer.Ordinal))];
        }
    }

    public ChannelReader<InformerChange<Node>> Subscribe(bool replayExisting = true)
    {
        var channel = Channel.CreateUnbounded<InformerChange<Node>>();
        lock (_gate)
        {
            if (replayExisting)
            {
                foreach (var node in _nodes.Values)
                {
                    channel.Writer.TryWrite(new InformerChange<Node>(InformerChangeType.Added, node, null));
                }
            }

            _subscribers.Add(channel);
        }

        return channel.Reader;
    }

    public Task RunAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
}
