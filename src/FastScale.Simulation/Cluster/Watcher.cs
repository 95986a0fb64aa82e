using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace FastScale.Simulation.Cluster;

/// <summary>
/// One open watch. The store offers it every change under its write lock, so deliveries are in resourceVersion
/// order; each watcher has its own bounded channel, and a watcher that lets it fill up is dropped (never waited for),
/// so one slow client cannot hold back the store or the other watchers.
/// </summary>
internal sealed class Watcher
{
    private readonly Channel<WatchDelivery> _channel;

    public Watcher(ObjectFilter filter, bool bookmarks, int capacity)
    {
        Filter = filter;
        Bookmarks = bookmarks;
        _channel = Channel.CreateBounded<WatchDelivery>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ObjectFilter Filter { get; }

    public bool Bookmarks { get; }

    /// <summary>Set when the watcher fell behind by a full buffer; it has seen its last event.</summary>
    public bool Dropped { get; private set; }

    public ChannelReader<WatchDelivery> Reader => _channel.Reader;

    /// <summary>Events that precede the live ones: history since the requested version, or the initial ADDED set.</summary>
    public IReadOnlyList<WatchDelivery> Backlog { get; set; } = [];

    /// <summary>Offers a change; false when the watcher is full and must be dropped.</summary>
    public bool Offer(WatchEvent change)
    {
        var delivery = Translate(change);
        return delivery is not { } d || _channel.Writer.TryWrite(d);
    }

    public bool OfferBookmark(byte[] bookmark) => _channel.Writer.TryWrite(new WatchDelivery(WatchEventType.Bookmark, bookmark));

    public void Drop()
    {
        Dropped = true;
        _channel.Writer.TryComplete();
    }

    public void Close() => _channel.Writer.TryComplete();

    /// <summary>What this watcher sees of a change, given its selectors; null when it sees nothing.</summary>
    public WatchDelivery? Translate(WatchEvent change)
    {
        if (change.Object.Kind != Filter.Kind)
        {
            return null;
        }

        var now = Filter.Matches(change.Object);
        var before = change.Previous is { } previous && change.Type == WatchEventType.Modified && Filter.Matches(previous);
        return change.Type switch
        {
            WatchEventType.Added when now => new WatchDelivery(WatchEventType.Added, change.Object.Json),
            WatchEventType.Deleted when now => new WatchDelivery(WatchEventType.Deleted, change.Object.Json),
            WatchEventType.Modified when now && before => new WatchDelivery(WatchEventType.Modified, change.Object.Json),
            WatchEventType.Modified when now => new WatchDelivery(WatchEventType.Added, change.Object.Json),
            // It stopped matching: the real watch cache sends the old object, stamped with the new version.
            WatchEventType.Modified when before => new WatchDelivery(WatchEventType.Deleted, Restamp(change.Previous!, change.ResourceVersion)),
            _ => null,
        };
    }

    private static byte[] Restamp(StoredObject previous, long resourceVersion)
    {
        var obj = previous.ToJsonObject();
        obj["metadata"]!["resourceVersion"] = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return StoredObject.Serialize(obj);
    }
}
