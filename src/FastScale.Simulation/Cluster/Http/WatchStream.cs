using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace FastScale.Simulation.Cluster.Http;

/// <summary>
/// Serves one watch: newline-delimited <c>{"type":…,"object":…}</c> events on a chunked 200 response, first the
/// backlog (history since the requested version, or the initial state), then live changes, until
/// <c>timeoutSeconds</c> (on the injected clock) or the client leaves. A watch that cannot start, or whose watcher
/// was dropped for falling behind, ends with an ERROR event carrying a 410 Status, as the real server's do.
/// </summary>
internal static class WatchStream
{
    private static readonly byte[] TypePrefix = "{\"type\":\""u8.ToArray();
    private static readonly byte[] ObjectPrefix = "\",\"object\":"u8.ToArray();
    private static readonly byte[] EventEnd = "}\n"u8.ToArray();

    /// <param name="faults">When given, the watch is cut (its connection reset) when an outage begins.</param>
    public static async Task RunAsync(HttpContext context, ClusterStore store, ObjectFilter filter, IQueryCollection query, ClusterApiFaults? faults)
    {
        var response = context.Response;
        var bookmarks = IsTrue(query["allowWatchBookmarks"]);
        var initial = IsTrue(query["sendInitialEvents"]);
        var timeout = int.TryParse(query["timeoutSeconds"], out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : store.Options.DefaultWatchTimeout;

        var (watcher, error) = store.Watch(filter, query["resourceVersion"], bookmarks, initial);
        if (error is not null && error.Code != 410)
        {
            await ApiResponses.WriteErrorAsync(context, error);
            return;
        }

        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-cache, private";
        if (watcher is null)
        {
            Write(response.BodyWriter, new WatchDelivery(WatchEventType.Error, StoredObject.Serialize(error!.ToStatus())));
            await response.BodyWriter.FlushAsync(context.RequestAborted);
            return;
        }

        using var deadline = new CancellationTokenSource(timeout, store.Time);
        var outage = faults?.OutageBegins ?? CancellationToken.None;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, context.RequestAborted, outage);
        try
        {
            await response.StartAsync(stop.Token);
            foreach (var delivery in watcher.Backlog)
            {
                Write(response.BodyWriter, delivery);
            }

            store.Counters.EventsSent(watcher.Backlog.Count);
            watcher.Backlog = [];
            await response.BodyWriter.FlushAsync(stop.Token);
            var reader = watcher.Reader;
            while (await reader.WaitToReadAsync(stop.Token))
            {
                var sent = 0;
                while (sent < 1024 && reader.TryRead(out var delivery))
                {
                    Write(response.BodyWriter, delivery);
                    sent++;
                }

                store.Counters.EventsSent(sent);
                await response.BodyWriter.FlushAsync(stop.Token);
            }

            if (watcher.Dropped)
            {
                var status = ApiErrors.Expired($"watch of {filter.Kind.QualifiedName} fell more than {store.Options.WatcherBufferSize} events behind and was closed; resume from the last resourceVersion seen, or relist");
                Write(response.BodyWriter, new WatchDelivery(WatchEventType.Error, StoredObject.Serialize(status.ToStatus())));
                await response.BodyWriter.FlushAsync(stop.Token);
            }
        }
        catch (OperationCanceledException) when (outage.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            // The server went down under the watch: no clean end of the stream, the connection is reset.
            faults!.WatchCut();
            context.Abort();
        }
        catch (OperationCanceledException)
        {
            // Timeout or client gone: the watch simply ends, as on a real server.
        }
        finally
        {
            store.EndWatch(watcher);
        }
    }

    private static bool IsTrue(string? value) => value is "true" or "1";

    private static void Write(IBufferWriter<byte> writer, WatchDelivery delivery)
    {
        writer.Write(TypePrefix);
        writer.Write(Encoding.ASCII.GetBytes(delivery.TypeName));
        writer.Write(ObjectPrefix);
        writer.Write(delivery.ObjectJson);
        writer.Write(EventEnd);
    }
}
