using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FastScale.Kubernetes.Tests.TestSupport;

/// <summary>An HTTP proxy on a loopback port, just enough for proxy-url tests: CONNECT tunnels (https targets) and
/// absolute-form requests (http targets) piped to their target. Records each request line it was asked.</summary>
internal sealed class TinyProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public TinyProxy()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public ConcurrentQueue<string> RequestLines { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var head = await ReadHeadAsync(stream);
        var requestLine = head[..head.IndexOf("\r\n", StringComparison.Ordinal)];
        RequestLines.Enqueue(requestLine);
        var parts = requestLine.Split(' ');
        var connect = parts[0] == "CONNECT";
        var target = connect ? new Uri("tcp://" + parts[1]) : new Uri(parts[1]);
        using var upstream = new TcpClient();
        await upstream.ConnectAsync(target.Host, target.Port, _stop.Token);
        var upstreamStream = upstream.GetStream();
        if (connect)
        {
            await stream.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), _stop.Token);
        }
        else
        {
            await upstreamStream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
        }

        await Task.WhenAny(stream.CopyToAsync(upstreamStream, _stop.Token), upstreamStream.CopyToAsync(stream, _stop.Token));
    }

    /// <summary>Byte by byte up to the blank line, so nothing after the head is consumed.</summary>
    private async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0)
            {
                break;
            }

            head.Append((char)one[0]);
        }

        return head.ToString();
    }
}
