using System.Text.Json.Nodes;

namespace FastScale.Simulation.Tests.Cluster;

/// <summary>Reads newline-delimited watch events from an open watch response.</summary>
internal sealed class WatchReader(HttpResponseMessage response, StreamReader reader) : IDisposable
{
    /// <summary>The next event, or null when the server ended the watch. Fails the test after 10 s of silence.</summary>
    public async Task<JsonObject?> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var line = await reader.ReadLineAsync(timeout.Token);
        return line is null ? null : JsonNode.Parse(line)!.AsObject();
    }

    public async Task<List<JsonObject>> NextAsync(int count)
    {
        var events = new List<JsonObject>();
        for (var i = 0; i < count; i++)
        {
            events.Add(await NextAsync() ?? throw new InvalidOperationException($"watch ended after {i} of {count} events"));
        }

        return events;
    }

    public void Dispose()
    {
        reader.Dispose();
        response.Dispose();
    }
}
