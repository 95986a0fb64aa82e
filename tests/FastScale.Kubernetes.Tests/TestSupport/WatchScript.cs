using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace FastScale.Kubernetes.Tests.TestSupport;

/// <summary>One scripted watch response: lines are written and flushed as the test sends them.</summary>
internal sealed class WatchScript
{
    private readonly Channel<string> _chunks = Channel.CreateUnbounded<string>();
    private readonly TaskCompletionSource<string> _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the query string when the client opens this watch.</summary>
    public Task<string> Opened => _opened.Task;

    public WatchScript Send(string type, string objectJson) => Raw($$"""{"type":"{{type}}","object":{{objectJson}}}""" + "\n");

    /// <summary>Bytes as they are, to split lines across writes.</summary>
    public WatchScript Raw(string chunk)
    {
        _chunks.Writer.TryWrite(chunk);
        return this;
    }

    /// <summary>The server closes the stream normally once everything sent so far is written.</summary>
    public void End() => _chunks.Writer.TryComplete();

    public async Task ServeAsync(HttpContext context)
    {
        _opened.TrySetResult(context.Request.QueryString.Value ?? "");
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync();
        try
        {
            await foreach (var chunk in _chunks.Reader.ReadAllAsync(context.RequestAborted))
            {
                await context.Response.WriteAsync(chunk, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
    }
}
