using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FastScale.Simulation.Cluster.Disruption;

namespace FastScale.Simulation.Cluster;

/// <summary>
/// The simulator's API storage: objects of every kind as JSON, one resourceVersion counter for the whole store,
/// a bounded history of changes, and the open watches. Writes are serialised by one lock, which gives every change
/// its own resourceVersion and hands it to each watcher in order; reads of single objects take no lock.
/// Use it in-process to seed and inspect the cluster; everything it does is also what the HTTP front does.
/// </summary>
public sealed class ClusterStore : IDisposable
{
    private readonly Lock _writeLock = new();
    private readonly Dictionary<ResourceKind, ConcurrentDictionary<ObjectKey, StoredObject>> _tables;
    private readonly EventHistory _history;
    private readonly ObjectRules _rules;
    private readonly ITimer _bookmarkTimer;
    private readonly DisruptionController _disruption;
    private readonly PodEvictions _evictions;
    private Watcher[] _watchers = [];
    private long _resourceVersion;

    public ClusterStore(ClusterSimulatorOptions? options = null, TimeProvider? timeProvider = null)
    {
        Options = options ?? new ClusterSimulatorOptions();
        if (Options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException("invalid cluster simulator options: " + string.Join("; ", problems), nameof(options));
        }

        Time = timeProvider ?? TimeProvider.System;
        _tables = ResourceKind.All.ToDictionary(k => k, _ => new ConcurrentDictionary<ObjectKey, StoredObject>());
        _history = new EventHistory(Options.EventHistorySize);
        _rules = new ObjectRules(Time, new Random(Options.Seed));
        Paged = new PagedLists(Options, Time);
        _disruption = new DisruptionController(this, Time);
        _evictions = new PodEvictions(this, _disruption, Counters, Options.EvictionRetryAfter);
        _bookmarkTimer = Time.CreateTimer(_ => SendBookmarks(), null, Options.BookmarkInterval, Options.BookmarkInterval);
    }

    public ClusterSimulatorCounters Counters { get; } = new();

    /// <summary>The resourceVersion of the latest change (0 before the first).</summary>
    public long ResourceVersion => Volatile.Read(ref _resourceVersion);

    internal ClusterSimulatorOptions Options { get; }

    internal TimeProvider Time { get; }

    internal PagedLists Paged { get; }

    public int Count(ResourceKind kind) => _tables[kind].Count;

    /// <summary>Creates an object; for namespaced kinds the namespace comes from <paramref name="ns"/>, else from the object, else "default".</summary>
    public StoreResult Create(ResourceKind kind, JsonObject obj, string? ns = null) =>
        StoreResult.From(CreateCore(kind, (JsonObject)obj.DeepClone(), kind.Namespaced ? ns ?? (string?)obj["metadata"]?["namespace"] ?? "default" : null));

    public StoreResult Get(ResourceKind kind, string? ns, string name) =>
        Find(kind, ns, name) is { } found ? new StoreResult(found.ToJsonObject(), null) : new StoreResult(null, ApiErrors.NotFound(kind, name));

    /// <summary>Every object of a kind (in one namespace, or all), in storage order; caller-owned copies.</summary>
    public IReadOnlyList<JsonObject> List(ResourceKind kind, string? ns = null) =>
        _tables[kind].Values.Where(o => ns is null || o.Namespace == ns).OrderBy(o => o.Key).Select(o => o.ToJsonObject()).ToList();

    public StoreResult Replace(ResourceKind kind, string? ns, string name, JsonObject obj, bool statusSubresource = false) =>
        StoreResult.From(ReplaceCore(kind, ns, name, (JsonObject)obj.DeepClone(), statusSubresource));

    public StoreResult Patch(ResourceKind kind, string? ns, string name, PatchType type, JsonNode patch, bool statusSubresource = false) =>
        StoreResult.From(PatchCore(kind, ns, name, type, patch, statusSubresource));

    public StoreResult Delete(ResourceKind kind, string? ns, string name) => StoreResult.From(DeleteCore(kind, ns, name, null));

    /// <summary>Binds a pod to a node as the <c>pods/binding</c> subresource does.</summary>
    public StoreResult Bind(string ns, string pod, string node) =>
        StoreResult.From(BindCore(ns, pod, new JsonObject { ["target"] = new JsonObject { ["kind"] = "Node", ["name"] = node } }));

    /// <summary>Evicts a pod as the <c>pods/eviction</c> subresource does, honouring its budget; null when it went.</summary>
    public ApiError? Evict(string ns, string name, JsonObject? eviction = null)
    {
        lock (_writeLock)
        {
            return _evictions.Evict(ns, name, eviction ?? new JsonObject());
        }
    }

    /// <summary>The objects of a kind in a namespace as stored, unparsed (current for callers holding the write lock).</summary>
    internal IEnumerable<StoredObject> Objects(ResourceKind kind, string ns) => _tables[kind].Values.Where(o => o.Namespace == ns);

    /// <summary>Stores a change the simulator itself makes (a budget's status), published like any write; the caller holds the write lock.</summary>
    internal void CommitLocked(StoredObject current, JsonObject next)
    {
        next["metadata"]!["resourceVersion"] = ObjectRules.Version(current.ResourceVersion);
        if (!JsonNode.DeepEquals(next, current.ToJsonObject()))
        {
            Publish(new WatchEvent(WatchEventType.Modified, _tables[current.Kind][current.Key] = Stamp(current.Kind, next), current));
        }
    }

    internal StoredObject? Find(ResourceKind kind, string? ns, string name) =>
        _tables[kind].TryGetValue(new ObjectKey(kind.Namespaced ? ns ?? "" : "", name), out var found) ? found : null;

    internal Outcome CreateCore(ResourceKind kind, JsonObject obj, string? ns)
    {
        lock (_writeLock)
        {
            var table = _tables[kind];
            if (_rules.PrepareCreate(kind, obj, ns, table.ContainsKey) is { } invalid)
            {
                return invalid;
            }

            var key = new ObjectKey(kind.Namespaced ? ns ?? "" : "", (string)obj["metadata"]!["name"]!);
            if (table.ContainsKey(key))
            {
                return ApiErrors.AlreadyExists(kind, key.Name);
            }

            var stored = Stamp(kind, obj);
            table[key] = stored;
            Publish(new WatchEvent(WatchEventType.Added, stored, null));
            return stored;
        }
    }

    internal Outcome ReplaceCore(ResourceKind kind, string? ns, string name, JsonObject obj, bool statusSubresource) =>
        Modify(kind, ns, name, statusSubresource, _ => (obj, null));

    internal Outcome PatchCore(ResourceKind kind, string? ns, string name, PatchType type, JsonNode? patch, bool statusSubresource) =>
        Modify(kind, ns, name, statusSubresource, current =>
        {
            var next = current.ToJsonObject();
            if (type == PatchType.Json)
            {
                return JsonPatch.Apply(next, patch) is { } error ? (null, new ApiError(422, "Invalid", error)) : (next, null);
            }

            return patch is JsonObject
                ? ((JsonObject)MergePatch.Apply(next, patch, type == PatchType.StrategicMerge)!, null)
                : (null, ApiErrors.BadRequest("a merge patch must be a JSON object"));
        });

    internal Outcome BindCore(string ns, string name, JsonObject binding) =>
        Modify(ResourceKind.Pods, ns, name, statusSubresource: false, current =>
        {
            var next = current.ToJsonObject();
            return _rules.Bind(current, next, binding) is { } error ? (null, error) : (next, null);
        }, bypassStatusSplit: true);

    internal Outcome DeleteCore(ResourceKind kind, string? ns, string name, JsonObject? deleteOptions)
    {
        lock (_writeLock)
        {
            var table = _tables[kind];
            var key = new ObjectKey(kind.Namespaced ? ns ?? "" : "", name);
            if (!table.TryGetValue(key, out var current))
            {
                return ApiErrors.NotFound(kind, name);
            }

            var obj = current.ToJsonObject();
            if (deleteOptions?["preconditions"] is JsonObject preconditions)
            {
                var uid = (string?)obj["metadata"]!["uid"];
                if ((string?)preconditions["uid"] is { Length: > 0 } wantUid && wantUid != uid)
                {
                    return ApiErrors.Conflict(kind, name, $"Precondition failed: UID in precondition: {wantUid}, UID in object meta: {uid}");
                }

                if ((string?)preconditions["resourceVersion"] is { Length: > 0 } wantVersion && wantVersion != ObjectRules.Version(current.ResourceVersion))
                {
                    return ApiErrors.Conflict(kind, name, $"Precondition failed: ResourceVersion in precondition: {wantVersion}, ResourceVersion in object meta: {current.ResourceVersion}");
                }
            }

            var deleted = Stamp(kind, obj);
            table.TryRemove(key, out _);
            Publish(new WatchEvent(WatchEventType.Deleted, deleted, current));
            return deleted;
        }
    }

    internal (ListPage? Page, ApiError? Error) ListCore(ObjectFilter filter, ListQuery query)
    {
        if (query.Continue is { Length: > 0 } token)
        {
            return query.ResourceVersion is { Length: > 0 }
                ? (null, ApiErrors.BadRequest("specifying resource version is not allowed when using continue"))
                : Paged.Continue(token, query.Limit);
        }

        if (!ResourceVersions.TryParse(query.ResourceVersion, out var requested))
        {
            return (null, ApiErrors.BadRequest($"invalid resourceVersion: {query.ResourceVersion}"));
        }

        if (query.IsExact(requested) is not { } exact)
        {
            return (null, ApiErrors.BadRequest($"resourceVersionMatch \"{query.ResourceVersionMatch}\" is not valid with resourceVersion \"{query.ResourceVersion}\""));
        }

        StoredObject[] items;
        long version;
        lock (_writeLock)
        {
            version = _resourceVersion;
            if (requested > version)
            {
                return (null, ApiErrors.TooLargeResourceVersion(requested, version));
            }

            if (exact && requested < _history.OldestResumable(version))
            {
                return (null, ApiErrors.Expired($"too old resource version: {requested} ({_history.OldestResumable(version)})"));
            }

            items = exact ? StateAt(filter.Kind, requested) : [.. _tables[filter.Kind].Values];
            version = exact ? requested : version;
        }

        var matching = items.Where(filter.Matches).ToArray();
        Array.Sort(matching, static (a, b) => a.Key.CompareTo(b.Key));
        return (Paged.Page(matching, version, query.Limit), null);
    }

    /// <summary>Opens a watch, or answers why not (410 when the version is older than the history).</summary>
    internal (Watcher? Watcher, ApiError? Error) Watch(ObjectFilter filter, string? resourceVersion, bool bookmarks, bool sendInitialEvents)
    {
        if (!ResourceVersions.TryParse(resourceVersion, out var from))
        {
            return (null, ApiErrors.BadRequest($"invalid resourceVersion: {resourceVersion}"));
        }

        var watcher = new Watcher(filter, bookmarks, Options.WatcherBufferSize);
        lock (_writeLock)
        {
            if (from == 0 || sendInitialEvents)
            {
                // "Start at most recent" and streaming lists: the current state as ADDED events, then live changes.
                var backlog = _tables[filter.Kind].Values.Where(filter.Matches).OrderBy(o => o.Key)
                    .Select(o => new WatchDelivery(WatchEventType.Added, o.Json)).ToList();
                if (sendInitialEvents && bookmarks)
                {
                    backlog.Add(new WatchDelivery(WatchEventType.Bookmark, WatchBookmark.Json(filter.Kind, _resourceVersion, initialEventsEnd: true)));
                }

                watcher.Backlog = backlog;
            }
            else
            {
                var oldest = _history.OldestResumable(_resourceVersion);
                if (from < oldest)
                {
                    return (null, ApiErrors.Expired($"too old resource version: {from} ({oldest})"));
                }

                watcher.Backlog = _history.Since(from).Select(watcher.Translate).OfType<WatchDelivery>().ToList();
            }

            _watchers = [.. _watchers, watcher];
        }

        Counters.WatchStarted();
        return (watcher, null);
    }

    internal void EndWatch(Watcher watcher)
    {
        lock (_writeLock)
        {
            _watchers = _watchers.Where(w => w != watcher).ToArray();
        }

        watcher.Close();
        Counters.WatchEnded();
    }

    public void Dispose()
    {
        _bookmarkTimer.Dispose();
        lock (_writeLock)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Close();
            }
        }
    }

    private Outcome Modify(
        ResourceKind kind, string? ns, string name, bool statusSubresource,
        Func<StoredObject, (JsonObject? Next, ApiError? Error)> change, bool bypassStatusSplit = false)
    {
        lock (_writeLock)
        {
            var table = _tables[kind];
            var key = new ObjectKey(kind.Namespaced ? ns ?? "" : "", name);
            if (!table.TryGetValue(key, out var current))
            {
                return ApiErrors.NotFound(kind, name);
            }

            var (next, error) = change(current);
            if (error is not null)
            {
                return error;
            }

            if (!bypassStatusSplit && _rules.PrepareUpdate(kind, current, next!, statusSubresource) is { } invalid)
            {
                return invalid;
            }

            // An update that changes nothing keeps its resourceVersion and tells no watcher, as on a real server.
            next!["metadata"]!["resourceVersion"] = ObjectRules.Version(current.ResourceVersion);
            if (JsonNode.DeepEquals(next, current.ToJsonObject()))
            {
                return current;
            }

            var stored = Stamp(kind, next);
            table[key] = stored;
            Publish(new WatchEvent(WatchEventType.Modified, stored, current));
            return stored;
        }
    }

    /// <summary>Gives the object the next resourceVersion (the caller holds the write lock and publishes it).</summary>
    private StoredObject Stamp(ResourceKind kind, JsonObject obj)
    {
        obj["metadata"]!["resourceVersion"] = ObjectRules.Version(_resourceVersion + 1);
        return StoredObject.From(kind, obj);
    }

    private void Publish(WatchEvent change)
    {
        Volatile.Write(ref _resourceVersion, change.ResourceVersion);
        _history.Add(change);
        Counters.Write();
        foreach (var watcher in _watchers)
        {
            if (!watcher.Offer(change))
            {
                DropLocked(watcher);
            }
        }

        _disruption.Changed(change);
    }

    private void DropLocked(Watcher watcher)
    {
        _watchers = _watchers.Where(w => w != watcher).ToArray();
        watcher.Drop();
        Counters.WatcherDropped();
    }

    /// <summary>The objects of a kind as they were at an older version: today's, with every later change undone.</summary>
    private StoredObject[] StateAt(ResourceKind kind, long resourceVersion)
    {
        var state = new Dictionary<ObjectKey, StoredObject>(_tables[kind]);
        foreach (var change in _history.NewestFirstUntil(resourceVersion).Where(c => c.Object.Kind == kind))
        {
            if (change.Type == WatchEventType.Added)
            {
                state.Remove(change.Object.Key);
            }
            else
            {
                state[change.Object.Key] = change.Previous!;
            }
        }

        return [.. state.Values];
    }

    private void SendBookmarks()
    {
        lock (_writeLock)
        {
            var bookmarks = new Dictionary<ResourceKind, byte[]>();
            foreach (var watcher in _watchers.Where(w => w.Bookmarks))
            {
                var kind = watcher.Filter.Kind;
                if (!bookmarks.TryGetValue(kind, out var json))
                {
                    json = WatchBookmark.Json(kind, _resourceVersion, initialEventsEnd: false);
                    bookmarks[kind] = json;
                }

                if (!watcher.OfferBookmark(json))
                {
                    DropLocked(watcher);
                }
            }
        }
    }
}
