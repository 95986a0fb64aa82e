using System.Text.Json;
using System.Threading.Channels;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Models;
using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Informers;

/// <summary>List, then watch from the list's resourceVersion; resume each ended watch from the last version seen; on
/// 410 Gone, relist and reconcile the cache against the fresh list, so subscribers get exactly the changes they missed.</summary>
internal sealed class Informer<T> : IInformer<T>
    where T : class, IKubernetesObject
{
    private readonly IKubernetesApiClient _client;
    private readonly KubernetesResource<T> _resource;
    private readonly InformerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Func<double> _random;
    private readonly ILogger _logger;
    private readonly InformerStore<T> _store;
    private readonly List<Channel<InformerChange<T>>> _subscribers = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    /// <summary>A watch that ends normally after at least this long was healthy even if it delivered nothing (a quiet
    /// kind, or a server that sends no bookmarks); one that closes sooner with nothing counts as a failure.</summary>
    private static readonly TimeSpan HealthyWatch = TimeSpan.FromSeconds(1);

    private readonly ExponentialBackoff _backoff;
    private volatile string? _resourceVersion;
    private volatile bool _current;
    private int _started;

    public Informer(
        IKubernetesApiClient client,
        KubernetesResource<T> resource,
        InformerOptions options,
        IReadOnlyDictionary<string, Func<T, IEnumerable<string>>> indexers,
        TimeProvider timeProvider,
        Func<double> random,
        ILogger logger)
    {
        _client = client;
        _resource = resource;
        _options = options;
        _timeProvider = timeProvider;
        _random = random;
        _logger = logger;
        _store = new InformerStore<T>(indexers);
        _backoff = new ExponentialBackoff(options.InitialBackoff, options.MaxBackoff, random);
    }

    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>
    /// Lost on a failed list or watch; regained by a list, or by the first event or bookmark of a watch opened after
    /// it (until then a quiet watch cannot tell an open stream from a dead server, so the informer errs on blind).
    /// </summary>
    public bool IsCurrent => _current && HasSynced;
    public string? ResourceVersion => _resourceVersion;
    public int Count => _store.Count;

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    public T? Get(string key) => _store.Get(key);

    public IReadOnlyList<T> List() => _store.List();

    public IReadOnlyList<T> GetByIndex(string indexName, string value) => _store.GetByIndex(indexName, value);

    public ChannelReader<InformerChange<T>> Subscribe(bool replayExisting = true)
    {
        var channel = Channel.CreateUnbounded<InformerChange<T>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        lock (_store.SyncRoot)
        {
            if (replayExisting)
            {
                foreach (var change in _store.Snapshot())
                {
                    channel.Writer.TryWrite(change);
                }
            }

            _subscribers.Add(channel);
        }

        return channel.Reader;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("An informer runs once.");
        }

        try
        {
            var mustList = true;
            while (!cancellationToken.IsCancellationRequested)
            {
                if (mustList)
                {
                    mustList = !await ListAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                mustList = await WatchAsync(cancellationToken).ConfigureAwait(false) == WatchEnd.Gone;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            lock (_store.SyncRoot)
            {
                foreach (var subscriber in _subscribers)
                {
                    subscriber.Writer.TryComplete();
                }
            }
        }
    }

    /// <returns>True when the cache now reflects a fresh list.</returns>
    private async Task<bool> ListAsync(CancellationToken cancellationToken)
    {
        var options = new ListOptions { LabelSelector = _options.LabelSelector, FieldSelector = _options.FieldSelector, Limit = _options.PageSize };
        var result = await _client.ListAllAsync(_resource, _options.Namespace, options, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            _current = false;
            var delay = _backoff.Next();
            Log.ListFailed(_logger, _resource.Plural, result.Error.ToString(), delay.TotalSeconds);
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            return false;
        }

        var snapshot = result.Value!;
        int changes;
        lock (_store.SyncRoot)
        {
            var replaced = _store.Replace(snapshot.Items);
            Publish(replaced);
            changes = replaced.Count;
            _resourceVersion = snapshot.ResourceVersion;
            _current = true;
        }

        Log.Listed(_logger, _resource.Plural, snapshot.Items.Count, snapshot.ResourceVersion, changes);
        _synced.TrySetResult();
        return true;
    }

    private async Task<WatchEnd> WatchAsync(CancellationToken cancellationToken)
    {
        var from = _resourceVersion;
        var options = new WatchOptions
        {
            ResourceVersion = from,
            AllowWatchBookmarks = true,
            LabelSelector = _options.LabelSelector,
            FieldSelector = _options.FieldSelector,
            TimeoutSeconds = (int)(_options.WatchTimeout.TotalSeconds * (1 + _random())),
        };

        var events = 0;
        string? failure = null;
        var opened = _timeProvider.GetTimestamp();
        try
        {
            await foreach (var item in _client.WatchAsync(_resource, _options.Namespace, options, cancellationToken).ConfigureAwait(false))
            {
                if (item.Type == WatchEventType.Error)
                {
                    if (item.Error is { Code: 410 } || item.Error?.Reason is StatusReasons.Expired or StatusReasons.Gone)
                    {
                        Log.Expired(_logger, _resource.Plural, _resourceVersion);
                        return WatchEnd.Gone;
                    }

                    failure = $"{item.Error?.Code} {item.Error?.Reason}: {item.Error?.Message}";
                    break;
                }

                events++;
                _current = true;
                Observe(item);
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            failure = e.Message;
        }

        if (failure is null && (events > 0 || _timeProvider.GetElapsedTime(opened) >= HealthyWatch))
        {
            // A watch that closed normally (its timeout) resumes at once: backing off here would hold back the next
            // change by up to MaxBackoff after every quiet period.
            _backoff.Reset();
            Log.WatchEnded(_logger, _resource.Plural, _resourceVersion, events);
            return WatchEnd.Ended;
        }

        _current = false;
        var delay = _backoff.Next();
        Log.WatchFailed(_logger, _resource.Plural, from, failure ?? "closed at once without events", delay.TotalSeconds);
        await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        return WatchEnd.Failed;
    }

    private void Observe(WatchEvent<T> item)
    {
        var version = item.Object?.Metadata?.ResourceVersion;
        if (item.Type == WatchEventType.Bookmark || item.Object is null)
        {
            if (!string.IsNullOrEmpty(version))
            {
                _resourceVersion = version;
            }

            return;
        }

        lock (_store.SyncRoot)
        {
            if (_store.Apply(item.Type, item.Object) is { } change)
            {
                Publish([change]);
            }

            // Deletions carry the version of the delete itself, so every event moves the resume point.
            if (!string.IsNullOrEmpty(version))
            {
                _resourceVersion = version;
            }
        }
    }

    private void Publish(List<InformerChange<T>> changes)
    {
        foreach (var subscriber in _subscribers)
        {
            foreach (var change in changes)
            {
                subscriber.Writer.TryWrite(change);
            }
        }
    }

    private enum WatchEnd
    {
        Ended,
        Failed,
        Gone,
    }
}
