using System.Threading.Channels;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;

namespace FastScale.Plan;

/// <summary>
/// An informer a plan feeds by hand: the plan's scheduler and kubelets <see cref="Put"/> and <see cref="Delete"/>
/// objects, and every subscriber (the provider's own adapters, unchanged) gets the change at once, on the plan's
/// thread. That is what lets serve's pending-pod source and bound-pod ledger run on the virtual clock: a real informer
/// lists and watches over HTTP and hands its changes over through channels that resume readers on the thread pool.
/// </summary>
/// <remarks>
/// Subscriber channels allow synchronous continuations: a reader waiting on the channel runs inside <see cref="Put"/>,
/// before it returns, so the clock never moves while a change is still on its way. Synced from the start: a plan's
/// cluster begins empty.
/// </remarks>
internal sealed class PlanInformer<T>(Func<T, string> keyOf, Func<T, bool>? admits = null) : IInformer<T>
    where T : class, IKubernetesObject
{
    private readonly Dictionary<string, T> _objects = new(StringComparer.Ordinal);
    private readonly List<ChannelWriter<InformerChange<T>>> _subscribers = [];
    private readonly Func<T, bool> _admits = admits ?? (_ => true);
    private long _version;

    public bool HasSynced => true;

    public string? ResourceVersion => _version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public int Count => _objects.Count;

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public T? Get(string key) => _objects.GetValueOrDefault(key);

    public IReadOnlyList<T> List() => [.. _objects.Values];

    /// <summary>A plan's adapters look objects up by key only.</summary>
    public IReadOnlyList<T> GetByIndex(string indexName, string value) =>
        throw new NotSupportedException($"a plan informer keeps no index ('{indexName}')");

    public ChannelReader<InformerChange<T>> Subscribe(bool replayExisting = true)
    {
        var channel = Channel.CreateUnbounded<InformerChange<T>>(
            new UnboundedChannelOptions { SingleReader = true, SingleWriter = true, AllowSynchronousContinuations = true });
        if (replayExisting)
        {
            foreach (var existing in _objects.Values)
            {
                channel.Writer.TryWrite(new InformerChange<T>(InformerChangeType.Added, existing, null));
            }
        }

        _subscribers.Add(channel.Writer);
        return channel.Reader;
    }

    /// <summary>Nothing to list or watch: waits until cancelled, then completes every subscription.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var stopped = new TaskCompletionSource();
        await using (cancellationToken.Register(() => stopped.TrySetResult()))
        {
            await stopped.Task;
        }

        _subscribers.ForEach(s => s.TryComplete());
    }

    /// <summary>
    /// Adds or replaces an object, as a watch event would; an object the informer's selector does not admit (for
    /// example a pod that is now bound, for the pending-pod informer) leaves it as a Deleted.
    /// </summary>
    public void Put(T value)
    {
        var key = keyOf(value);
        _objects.TryGetValue(key, out var previous);
        if (!_admits(value))
        {
            if (previous is not null)
            {
                Delete(key);
            }

            return;
        }

        _objects[key] = value;
        Publish(new InformerChange<T>(previous is null ? InformerChangeType.Added : InformerChangeType.Updated, value, previous));
    }

    public void Delete(string key)
    {
        if (_objects.Remove(key, out var previous))
        {
            Publish(new InformerChange<T>(InformerChangeType.Deleted, previous, previous));
        }
    }

    private void Publish(InformerChange<T> change)
    {
        _version++;
        foreach (var subscriber in _subscribers)
        {
            subscriber.TryWrite(change);
        }
    }
}
