using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FastScale.Tests.Burst.Reports;

/// <summary>
/// The system's Chromium, headless, driven over the DevTools protocol on a WebSocket: open a page, wait until it has
/// loaded, evaluate an expression, and keep every console message, uncaught exception, log entry and failed request the
/// page produced. No browser download and no driver: the Debian package <c>chromium</c> (which .ci/run installs). A
/// missing browser is an error, never a skip.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly string[] Candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly ConcurrentQueue<JsonObject> _events = new();
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private int _nextId;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>Every event the browser sent so far (method, params, sessionId), in order.</summary>
    public IReadOnlyList<JsonObject> Events => [.. _events];

    /// <summary>The executable: FASTSCALE_CHROMIUM if set, else the first of the usual names on PATH; null when none.</summary>
    public static string? FindExecutable()
    {
        if (Environment.GetEnvironmentVariable("FASTSCALE_CHROMIUM") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return Candidates
            .SelectMany(name => path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }

    public static async Task<HeadlessChromium> StartAsync(CancellationToken cancellationToken)
    {
        var executable = FindExecutable() ?? throw new InvalidOperationException(
            "Chromium not found (looked for FASTSCALE_CHROMIUM, then chromium, chromium-browser, google-chrome on PATH); install it: apt-get install -y chromium (.ci/run does)");
        var profile = Directory.CreateTempSubdirectory("fastscale-chromium-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start. Port 0: the browser picks a free port
        // and says which on stderr.
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--remote-debugging-port=0", $"--user-data-dir={profile}", "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        var endpoint = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderr = new ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
            {
                endpoint.TrySetException(new InvalidOperationException($"{executable} ended before it listened: {string.Join('\n', stderr)}"));
                return;
            }

            stderr.Enqueue(line);
            const string Marker = "DevTools listening on ";
            if (line.Contains(Marker, StringComparison.Ordinal))
            {
                endpoint.TrySetResult(line[(line.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..].Trim());
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var browser = new HeadlessChromium(process, profile);
        try
        {
            var url = await endpoint.Task.WaitAsync(cancellationToken);
            await browser._socket.ConnectAsync(new Uri(url), cancellationToken);
            browser._receiving = browser.ReceiveAsync();
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens <paramref name="url"/> in a new tab and waits until it has loaded; returns the tab's session id.</summary>
    public async Task<string> OpenAsync(string url, CancellationToken cancellationToken)
    {
        var target = await SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, null, cancellationToken);
        var attached = await SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = (string?)target["targetId"], ["flatten"] = true }, null, cancellationToken);
        var session = (string)attached["sessionId"]!;
        foreach (var domain in new[] { "Runtime", "Log", "Network", "Page" })
        {
            await SendAsync($"{domain}.enable", [], session, cancellationToken);
        }

        var navigated = await SendAsync("Page.navigate", new JsonObject { ["url"] = url }, session, cancellationToken);
        if (navigated["errorText"] is { } error)
        {
            throw new InvalidOperationException($"navigating to {url} failed: {error}");
        }

        // Loaded means this document (not the blank one before it) has finished loading: ask until it says so. Each
        // question is one round trip on the socket, so this waits on the browser, not on a clock.
        var state = "";
        while (state != "complete " + url)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{url} did not finish loading; last state: {state}");
            }

            try
            {
                state = (string?)await EvaluateAsync(session, "document.readyState + ' ' + location.href", cancellationToken) ?? "";
            }
            catch (InvalidOperationException e)
            {
                // Between documents there is no context to evaluate in yet; the next question finds the new one.
                state = e.Message;
            }
        }

        return session;
    }

    /// <summary>Evaluates <paramref name="expression"/> in the tab and returns its value (returned by value, as JSON).</summary>
    public async Task<JsonNode?> EvaluateAsync(string session, string expression, CancellationToken cancellationToken)
    {
        var answer = await SendAsync("Runtime.evaluate", new JsonObject
        {
            ["expression"] = expression,
            ["returnByValue"] = true,
            ["awaitPromise"] = true,
        }, session, cancellationToken);
        if (answer["exceptionDetails"] is { } exception)
        {
            throw new InvalidOperationException($"the expression threw: {exception.ToJsonString()}");
        }

        return answer["result"]?["value"]?.DeepClone();
    }

    /// <summary>What the page reported as wrong: console errors, uncaught exceptions, error log entries, failed or 4xx/5xx requests.</summary>
    public IReadOnlyList<string> Problems(string session)
    {
        var problems = new List<string>();
        foreach (var e in _events.Where(e => (string?)e["sessionId"] == session))
        {
            var p = e["params"] as JsonObject ?? [];
            var entry = p["entry"] as JsonObject ?? [];
            var response = p["response"] as JsonObject ?? [];
            switch ((string?)e["method"])
            {
                case "Runtime.exceptionThrown":
                    problems.Add("exception: " + p["exceptionDetails"]?.ToJsonString());
                    break;
                case "Runtime.consoleAPICalled" when (string?)p["type"] is "error" or "assert" or "warning":
                    problems.Add($"console.{(string?)p["type"]}: " + p["args"]?.ToJsonString());
                    break;
                case "Log.entryAdded" when (string?)entry["level"] is "error" or "warning":
                    problems.Add($"log {(string?)entry["level"]}: {(string?)entry["text"]} {(string?)entry["url"]}");
                    break;
                case "Network.loadingFailed":
                    problems.Add($"request failed: {(string?)p["errorText"]} {(string?)p["blockedReason"]}");
                    break;
                case "Network.responseReceived" when (int?)response["status"] is >= 400:
                    problems.Add($"HTTP {(int?)response["status"]}: {(string?)response["url"]}");
                    break;
            }
        }

        return problems;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await ((Task)SendAsync("Browser.close", [], null, closing.Token)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        finally
        {
            await _stop.CancelAsync();
            await _receiving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _socket.Dispose();
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _process.Dispose();
            _stop.Dispose();
            _sendGate.Dispose();
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium's helpers may still hold a file for a moment; a leftover temp folder is harmless.
            }
        }
    }

    private async Task<JsonObject> SendAsync(string method, JsonObject parameters, string? session, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (session is not null)
        {
            message["sessionId"] = session;
        }

        await _sendGate.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendGate.Release();
        }

        var reply = await answer.Task.WaitAsync(cancellationToken);
        if (reply["error"] is { } error)
        {
            throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
        }

        return reply["result"] as JsonObject ?? [];
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var part = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (part.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage)
                {
                    continue;
                }

                var received = JsonNode.Parse(message.ToArray())!.AsObject();
                message.SetLength(0);
                if (received["id"] is { } id && _pending.TryRemove((int)id, out var waiting))
                {
                    waiting.TrySetResult(received);
                }
                else
                {
                    _events.Enqueue(received);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or JsonException)
        {
            // Ends the loop; the finally below fails whatever still waits.
        }
        finally
        {
            foreach (var waiting in _pending.Values)
            {
                waiting.TrySetException(new InvalidOperationException("the DevTools connection closed"));
            }
        }
    }
}
