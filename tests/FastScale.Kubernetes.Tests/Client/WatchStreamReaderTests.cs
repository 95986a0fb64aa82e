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
    public void ParseLine_NotAWatchEvent_Throws(string line)
    {
        Assert.ThrowsAny<JsonException>(() => WatchStreamReader.ParseLine(line, KubernetesJsonContext.Default.Node));
    }

    /// <summary>Hands out at most a few bytes per read, as a slow network would.</summary>
    private sealed class ChunkedStream(byte[] data, int chunkSize) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunkSize));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunkSize)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, chunkSize), cancellationToken);
    }
}
