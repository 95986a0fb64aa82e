using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace FastScale.Simulation.Cluster;

/// <summary>
/// Lists being read page by page. The first page freezes the matching objects at the list's resourceVersion, so
/// every later page is consistent with it (as etcd reads at the list's revision); a token outlives neither
/// <see cref="ClusterSimulatorOptions.ContinueTokenLifetime"/> nor the newest <see cref="ClusterSimulatorOptions.MaxPagedLists"/>
/// lists, after which it is "too old" (410 Expired), like a token whose revision was compacted.
/// </summary>
internal sealed class PagedLists(ClusterSimulatorOptions options, TimeProvider time)
{
    private const string ExpiredMessage =
        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.";

    private readonly Lock _lock = new();
    private readonly Dictionary<long, Frozen> _lists = [];
    private readonly Queue<long> _order = new();
    private long _nextId;

    /// <summary>One page of <paramref name="items"/> (already filtered and sorted) from <paramref name="offset"/>.</summary>
    public ListPage Page(StoredObject[] items, long resourceVersion, int limit, int offset = 0, long id = 0)
    {
        var end = limit > 0 ? Math.Min(items.Length, offset + limit) : items.Length;
        var page = items[offset..end];
        if (end >= items.Length)
        {
            return new ListPage(page, resourceVersion, null, null);
        }

        if (id == 0)
        {
            id = Remember(items, resourceVersion);
        }

        return new ListPage(page, resourceVersion, Token(id, resourceVersion, end, items[end - 1].Key), items.Length - end);
    }

    /// <summary>The page a continue token points to, or 400 (unreadable) / 410 (expired).</summary>
    public (ListPage? Page, ApiError? Error) Continue(string token, int limit)
    {
        if (!TryRead(token, out var id, out var resourceVersion, out var offset))
        {
            return (null, ApiErrors.BadRequest($"continue key is not valid: {token}"));
        }

        Frozen? frozen;
        lock (_lock)
        {
            _lists.TryGetValue(id, out frozen);
        }

        if (frozen is null || frozen.ResourceVersion != resourceVersion || time.GetUtcNow() - frozen.CreatedAt > options.ContinueTokenLifetime
            || offset > frozen.Items.Length)
        {
            return (null, ApiErrors.Expired(ExpiredMessage));
        }

        return (Page(frozen.Items, resourceVersion, limit, offset, id), null);
    }

    private long Remember(StoredObject[] items, long resourceVersion)
    {
        lock (_lock)
        {
            var id = ++_nextId;
            _lists[id] = new Frozen(items, resourceVersion, time.GetUtcNow());
            _order.Enqueue(id);
            while (_order.Count > options.MaxPagedLists)
            {
                _lists.Remove(_order.Dequeue());
            }

            return id;
        }
    }

    // Shaped like the real token (base64 JSON with v, rv, start) plus the frozen list's id and the next offset.
    private static string Token(long id, long resourceVersion, int offset, ObjectKey lastKey)
    {
        var json = new JsonObject
        {
            ["v"] = "meta.k8s.io/v1",
            ["rv"] = resourceVersion,
            ["start"] = lastKey + "\u0000",
            ["list"] = id,
            ["offset"] = offset,
        };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json.ToJsonString()));
    }

    private static bool TryRead(string token, out long id, out long resourceVersion, out int offset)
    {
        id = resourceVersion = offset = 0;
        try
        {
            var json = JsonNode.Parse(Convert.FromBase64String(token)) as JsonObject;
            if (json?["list"] is null || json["rv"] is null || json["offset"] is null)
            {
                return false;
            }

            id = (long)json["list"]!;
            resourceVersion = (long)json["rv"]!;
            offset = (int)json["offset"]!;
            return offset >= 0;
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private sealed record Frozen(StoredObject[] Items, long ResourceVersion, DateTimeOffset CreatedAt);
}

/// <summary>One page of a list: its items, the list's resourceVersion, and the token for the rest if any.</summary>
internal sealed record ListPage(StoredObject[] Items, long ResourceVersion, string? Continue, long? RemainingItemCount)
{
    public string ResourceVersionText => ResourceVersion.ToString(CultureInfo.InvariantCulture);
}
