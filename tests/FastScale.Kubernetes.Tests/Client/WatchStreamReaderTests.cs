using System.Buffers;
using System.Text;
using System.Text.Json;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Models;
using FastScale.Kubernetes.Tests.TestSupport;

namespace FastScale.Kubernetes.Tests.Client;

public sealed class WatchStreamReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(4096)]
    public async Task ReadAsync_LinesSplitAcrossReads_YieldsWholeEvents(int chunkSize)
    {
        var text = "{\"type\":\"ADDED\",\"object\":" + Objects.Node("a", "1", "r.i-é") + "}\n\n"
            + "{\"type\":\"MODIFIED\",\"object\":" + Objects.Node("a", "2") + "}\n"
            + "{\"type\":\"DELETED\",\"object\":" + Objects.Node("a", "3") + "}"; // the last line may lack its newline
        using var stream = new ChunkedStream(Encoding.UTF8.GetBytes(text), chunkSize);

        var events = new List<WatchEvent<Node>>();
        await foreach (var item in WatchStreamReader.ReadAsync(stream, KubernetesJsonContext.Default.Node, default))
        {
            events.Add(item);
        }

        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], events.Select(e => e.Type));
        Assert.Equal(["1", "2", "3"], events.Select(e => e.Object!.Metadata!.ResourceVersion));
        Assert.Equal("r.i-é", events[0].Object!.Spec!.ProviderId);
    }

    [Theory]
    [InlineData("{\"object\":{}}")]
    [InlineData("{\"type\":\"SOMETHING\",\"object\":{}}")]
    [InlineData("{\"type\":\"ADDED\"}")]
    [InlineData("{\"type\":\"ADDED\",\"object\":")]
    [InlineData("[]")]
    [InlineData("{\"type\":\"ADDED\",\"object\":[]}")]
    [InlineData("{\"type\":7,\"object\":{}}")]
    [InlineData("{\"type\":\"ADDED\",\"object\":{}} x")]
    [InlineData("{\"type\":\"ADDED\",\"object\":{}}{}")]
    public void ParseLine_NotAWatchEvent_Throws(string line)
    {
        Assert.ThrowsAny<JsonException>(() => Parse(line));
    }

    [Fact]
    public async Task ReadAsync_SplitAtEveryByteOffset_YieldsTheSameEvents()
    {
        // CRLF endings, a blank line, an ERROR and a BOOKMARK: every boundary a read can fall on.
        var text = "{\"type\":\"ADDED\",\"object\":" + Objects.Node("a", "1", "r.i-é") + "}\r\n\r\n"
            + "{\"type\":\"BOOKMARK\",\"object\":" + Objects.Bookmark("5") + "}\n"
            + "{\"type\":\"ERROR\",\"object\":" + Objects.Status(410, "Expired") + "}\n";
        var bytes = Encoding.UTF8.GetBytes(text);

        for (var split = 0; split <= bytes.Length; split++)
        {
            using var stream = new ChunkedStream(bytes, [split]);
            var events = await ReadAllAsync(stream);

            Assert.Equal([WatchEventType.Added, WatchEventType.Bookmark, WatchEventType.Error], events.Select(e => e.Type));
            Assert.Equal("r.i-é", events[0].Object!.Spec!.ProviderId);
            Assert.Equal("5", events[1].Object!.Metadata!.ResourceVersion);
            Assert.Equal(410, events[2].Error!.Code);
        }
    }

    [Fact]
    public void ParseLine_Error_CarriesTheStatusAndNoObject()
    {
        var item = Parse("{\"type\":\"ERROR\",\"object\":" + Objects.Status(410, "Expired", "too old resource version: 1 (5)") + "}");

        Assert.Equal(WatchEventType.Error, item.Type);
        Assert.Null(item.Object);
        Assert.Equal(410, item.Error!.Code);
        Assert.Equal("Expired", item.Error.Reason);
        Assert.Equal("Failure", item.Error.Outcome);
        Assert.Equal("too old resource version: 1 (5)", item.Error.Message);
    }

    [Fact]
    public void ParseLine_Bookmark_CarriesOnlyTheResourceVersion()
    {
        var item = Parse("{\"type\":\"BOOKMARK\",\"object\":" + Objects.Bookmark("42") + "}");

        Assert.Equal(WatchEventType.Bookmark, item.Type);
        Assert.Equal("42", item.Object!.Metadata!.ResourceVersion);
        Assert.Null(item.Object.Metadata.Name);
        Assert.Null(item.Error);
    }

    [Theory]
    [InlineData("{\"object\":OBJ,\"type\":\"MODIFIED\"}", WatchEventType.Modified)]
    [InlineData("{\"object\":STATUS,\"type\":\"ERROR\"}", WatchEventType.Error)]
    [InlineData("{\"type\":\"MODIFIED\",\"extra\":{\"a\":[1,2]},\"object\":OBJ}", WatchEventType.Modified)]
    [InlineData("{\"t\\u0079pe\":\"MODIFIED\",\"object\":OBJ}", WatchEventType.Modified)]
    public void ParseLine_UnusualButValidJson_IsRead(string template, WatchEventType expected)
    {
        var item = Parse(template.Replace("OBJ", Objects.Node("a", "7"), StringComparison.Ordinal)
            .Replace("STATUS", Objects.Status(500, "InternalError"), StringComparison.Ordinal));

        Assert.Equal(expected, item.Type);
        if (expected == WatchEventType.Error)
        {
            Assert.Equal(500, item.Error!.Code);
        }
        else
        {
            Assert.Equal("7", item.Object!.Metadata!.ResourceVersion);
        }
    }

    [Fact]
    public async Task ReadAsync_LineLongerThanOneMebibyte_IsReadWhole()
    {
        var big = new string('x', 1_500_000);
        var node = "{\"kind\":\"Node\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"a\",\"resourceVersion\":\"1\",\"annotations\":{\"big\":\"" + big + "\"}}}";
        var text = "{\"type\":\"ADDED\",\"object\":" + node + "}\n{\"type\":\"DELETED\",\"object\":" + Objects.Node("a", "2") + "}\n";
        using var stream = new ChunkedStream(Encoding.UTF8.GetBytes(text), 4096);

        var events = await ReadAllAsync(stream);

        Assert.Equal([WatchEventType.Added, WatchEventType.Deleted], events.Select(e => e.Type));
        Assert.Equal(big, events[0].Object!.Metadata!.Annotations!["big"]);
        Assert.Equal("2", events[1].Object!.Metadata!.ResourceVersion);
    }

    private static WatchEvent<Node> Parse(string line) =>
        WatchStreamReader.ParseLine(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(line)), KubernetesJsonContext.Default.Node);

    private static async Task<List<WatchEvent<Node>>> ReadAllAsync(Stream stream)
    {
        var events = new List<WatchEvent<Node>>();
        await foreach (var item in WatchStreamReader.ReadAsync(stream, KubernetesJsonContext.Default.Node, default))
        {
            events.Add(item);
        }

        return events;
    }

    /// <summary>Hands out at most a few bytes per read, as a slow network would; with break points, each read stops
    /// at the next one (a zero-length first chunk is skipped, since a zero-byte read means the end).</summary>
    private sealed class ChunkedStream(byte[] data, int chunkSize, int[] breaks) : MemoryStream(data)
    {
        public ChunkedStream(byte[] data, int chunkSize)
            : this(data, chunkSize, [])
        {
        }

        public ChunkedStream(byte[] data, int[] breaks)
            : this(data, int.MaxValue, breaks)
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Limit(count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Limit(buffer.Length)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Limit(count), cancellationToken);

        private int Limit(int count)
        {
            var next = breaks.Where(b => b > Position).DefaultIfEmpty(int.MaxValue).Min();
            return (int)Math.Min(Math.Min(count, chunkSize), next - Position);
        }
    }
}
