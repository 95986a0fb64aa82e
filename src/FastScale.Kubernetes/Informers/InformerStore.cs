using FastScale.Kubernetes.Models;

namespace FastScale.Kubernetes.Informers;

/// <summary>The informer's cache: objects by key plus secondary indexes. Every mutation returns the changes it made,
/// computed by comparing resourceVersions, so a replayed or relisted object that did not change yields no change.
/// Callers hold no lock; the store is safe for concurrent readers and one writer.</summary>
internal sealed class InformerStore<T>
    where T : class, IKubernetesObject
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, T> _items = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, Func<T, IEnumerable<string>>> _indexers;
    private readonly Dictionary<string, Dictionary<string, HashSet<string>>> _indexes = new(StringComparer.Ordinal);

    public InformerStore(IReadOnlyDictionary<string, Func<T, IEnumerable<string>>> indexers)
    {
        _indexers = indexers;
        foreach (var name in indexers.Keys)
        {
            _indexes[name] = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        }
    }

    /// <summary>Held while changes are computed and published, so subscribers see them in store order.</summary>
    public Lock SyncRoot => _lock;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    public T? Get(string key)
    {
        lock (_lock)
        {
            return _items.GetValueOrDefault(key);
        }
    }

    public IReadOnlyList<T> List()
    {
        lock (_lock)
        {
            return [.. _items.Values];
        }
    }

    public IReadOnlyList<T> GetByIndex(string indexName, string value)
    {
        lock (_lock)
        {
            if (!_indexes.TryGetValue(indexName, out var index))
            {
                throw new ArgumentException($"no index named '{indexName}'", nameof(indexName));
            }

            return index.TryGetValue(value, out var keys) ? [.. keys.Select(k => _items[k])] : [];
        }
    }

    /// <summary>Applies one watch event. Call with <see cref="SyncRoot"/> held.</summary>
    public InformerChange<T>? Apply(WatchEventType type, T item)
    {
        var key = InformerKeys.For(item);
        _items.TryGetValue(key, out var existing);
        if (type == WatchEventType.Deleted)
        {
            if (existing is null)
            {
                return null;
            }

            Remove(key, existing);
            return new InformerChange<T>(InformerChangeType.Deleted, item, existing);
        }

        if (existing is not null && SameVersion(existing, item))
        {
            return null;
        }

        Put(key, item, existing);
        return existing is null
            ? new InformerChange<T>(InformerChangeType.Added, item, null)
            : new InformerChange<T>(InformerChangeType.Updated, item, existing);
    }

    /// <summary>Makes the cache equal to a fresh list and returns the changes that takes: deletes for objects the list
    /// no longer has, adds for new ones, updates for changed versions. Call with <see cref="SyncRoot"/> held.</summary>
    public List<InformerChange<T>> Replace(IReadOnlyList<T> items)
    {
        var changes = new List<InformerChange<T>>();
        var fresh = new Dictionary<string, T>(items.Count, StringComparer.Ordinal);
        foreach (var item in items)
        {
            fresh[InformerKeys.For(item)] = item;
        }

        foreach (var (key, existing) in _items.Where(e => !fresh.ContainsKey(e.Key)).ToList())
        {
            Remove(key, existing);
            changes.Add(new InformerChange<T>(InformerChangeType.Deleted, existing, existing));
        }

        foreach (var (_, item) in fresh)
        {
            if (Apply(WatchEventType.Modified, item) is { } change)
            {
                changes.Add(change);
            }
        }

        return changes;
    }

    /// <summary>Synthetic adds for everything cached, for a subscriber joining late. Call with <see cref="SyncRoot"/> held.</summary>
    public List<InformerChange<T>> Snapshot() =>
        [.. _items.Values.Select(item => new InformerChange<T>(InformerChangeType.Added, item, null))];

    private static bool SameVersion(T a, T b) =>
        a.Metadata?.ResourceVersion is { Length: > 0 } version && version == b.Metadata?.ResourceVersion;

    private void Put(string key, T item, T? existing)
    {
        if (existing is not null)
        {
            Unindex(key, existing);
        }

        _items[key] = item;
        foreach (var (name, indexer) in _indexers)
        {
            var index = _indexes[name];
            foreach (var value in indexer(item))
            {
                if (!index.TryGetValue(value, out var keys))
                {
                    index[value] = keys = new HashSet<string>(StringComparer.Ordinal);
                }

                keys.Add(key);
            }
        }
    }

    private void Remove(string key, T existing)
    {
        Unindex(key, existing);
        _items.Remove(key);
    }

    private void Unindex(string key, T existing)
    {
        foreach (var (name, indexer) in _indexers)
        {
            var index = _indexes[name];
            foreach (var value in indexer(existing))
            {
                if (index.TryGetValue(value, out var keys) && keys.Remove(key) && keys.Count == 0)
                {
                    index.Remove(value);
                }
            }
        }
    }
}
