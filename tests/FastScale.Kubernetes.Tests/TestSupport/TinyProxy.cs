using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FastScale.Kubernetes.Tests.TestSupport;

/// <summary>A proxy on a loopback port, just enough for proxy-url tests: HTTP CONNECT tunnels (https targets),
/// absolute-form requests (http targets), and SOCKS5 CONNECT without authentication, piped to their target. Records
/// each request line it was asked ("SOCKS5 HOST:PORT" for SOCKS).</summary>
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
        var first = new byte[1];
        await stream.ReadExactlyAsync(first, _stop.Token);
        if (first[0] == 5)
        {
            await ServeSocksAsync(stream);
            return;
        }

        var head = (char)first[0] + await ReadHeadAsync(stream);
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

    /// <summary>RFC 1928: greeting (no authentication chosen), CONNECT by IPv4, IPv6 or name, success reply, pipe.</summary>
    private async Task ServeSocksAsync(NetworkStream stream)
    {
        var count = new byte[1];
        await stream.ReadExactlyAsync(count, _stop.Token);
        await stream.ReadExactlyAsync(new byte[count[0]], _stop.Token);
        await stream.WriteAsync(new byte[] { 5, 0 }, _stop.Token);
        var request = new byte[4];
        await stream.ReadExactlyAsync(request, _stop.Token);
        string host;
        switch (request[3])
        {
            case 1 or 4:
                var address = new byte[request[3] == 1 ? 4 : 16];
                await stream.ReadExactlyAsync(address, _stop.Token);
                host = new IPAddress(address).ToString();
                break;
            default:
                var length = new byte[1];
                await stream.ReadExactlyAsync(length, _stop.Token);
                var name = new byte[length[0]];
                await stream.ReadExactlyAsync(name, _stop.Token);
                host = Encoding.ASCII.GetString(name);
                break;
        }

        var port = new byte[2];
        await stream.ReadExactlyAsync(port, _stop.Token);
        var portNumber = (port[0] << 8) | port[1];
        RequestLines.Enqueue($"SOCKS5 {host}:{portNumber}");
        using var upstream = new TcpClient();
        await upstream.ConnectAsync(host, portNumber, _stop.Token);
        await stream.WriteAsync(new byte[] { 5, 0, 0, 1, 0, 0, 0, 0, 0, 0 }, _stop.Token);
        var upstreamStream = upstream.GetStream();
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
