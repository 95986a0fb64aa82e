using System.Runtime.InteropServices;
using System.Security.Cryptography;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Engine.Reload;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FastScale.Serve.Reload;

/// <summary>
/// <c>serve</c>'s policy reload: reads the policy file on a timer of the injected clock, and at once on SIGHUP; a
/// changed content is loaded with the same strict loader as <c>validate</c> and handed to the engine's
/// <see cref="PolicyReloader"/>, which applies it or refuses it. Every attempt is logged once and counted.
/// </summary>
/// <remarks>
/// Polling the content, not a file-system watcher: a ConfigMap volume updates by pointing the <c>..data</c> symlink at a
/// new timestamped directory, so the watched file's own inode never changes and inotify on it stays silent, and
/// FileSystemWatcher is unreliable on overlay and network file systems anyway. Reading the path follows the symlinks,
/// so a poll sees the new content whatever way it was swapped in. The load parses the very bytes that were hashed, so
/// the content judged due is the content applied. Nothing is reloaded until the groups have been recovered from the
/// cloud: before that a target (and so the maxSize check) is not yet known.
/// </remarks>
internal sealed class PolicyFileReloader : IHostedService, IDisposable
{
    private const string FileChanged = "file change";
    private const string Hangup = "SIGHUP";

    private readonly Lock _gate = new();
    private readonly PolicyReloadOptions _options;
    private readonly PolicyReloader _reloader;
    private readonly NodeGroupRegistry _registry;
    private readonly PolicyReloadMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<PolicyFileReloader> _logger;
    private readonly PolicyFileWatch _watch;
    private ITimer? _timer;
    private PosixSignalRegistration? _hangup;
    private bool _hangupPending;

    public PolicyFileReloader(
        PolicyReloadOptions options, PolicyReloader reloader, NodeGroupRegistry registry, PolicyReloadMetrics metrics, TimeProvider time, ILogger<PolicyFileReloader> logger)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        (_options, _reloader, _registry, _metrics, _time, _logger) = (options, reloader, registry, metrics, time, logger);
        _watch = new PolicyFileWatch(options.Debounce, time);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // The file as it is now is taken to be the start-up policy: serve loaded it a moment ago.
            _watch.Loaded(Read().Hash);
        }

        if (_options.PollInterval > TimeSpan.Zero)
        {
            _timer = _time.CreateTimer(static state => ((PolicyFileReloader)state!).Poll(), this, _options.PollInterval, _options.PollInterval);
        }

        try
        {
            _hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                // Handled: without this the runtime would go on to the default action, which ends the process.
                context.Cancel = true;
                OnHangup();
            });
        }
        catch (PlatformNotSupportedException)
        {
            // No SIGHUP here (some non-Unix hosts): polling still reloads.
        }

        Log.Watching(_logger, _options.Path, _options.PollInterval.TotalSeconds, _options.Debounce.TotalSeconds);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _hangup?.Dispose();
        _timer?.Dispose();
    }

    /// <summary>What SIGHUP does: load the file now, changed or not, without the debounce.</summary>
    internal void OnHangup()
    {
        lock (_gate)
        {
            _hangupPending = true;
        }

        Poll();
    }

    /// <summary>One look at the file: loads it when a SIGHUP asked for it or its changed content has settled. Null: nothing loaded.</summary>
    internal PolicyReloadResult? Poll()
    {
        lock (_gate)
        {
            if (!_registry.IsRecovered)
            {
                return null;
            }

            var (text, hash) = Read();
            var trigger = _hangupPending ? Hangup : FileChanged;
            if (!_hangupPending && !_watch.IsDue(hash))
            {
                return null;
            }

            _hangupPending = false;
            _watch.Loaded(hash);
            var loaded = text is null ? PolicyLoader.LoadFile(_options.Path) : PolicyLoader.LoadText(text, _options.Path);
            var result = loaded.IsValid
                ? _reloader.Apply(loaded.Policy!, _options.Path)
                : PolicyReloadResult.Invalid(loaded.Problems, _reloader.Generation);
            if (result.Outcome == PolicyReloadOutcome.Refused && text is not null)
            {
                // The engine judges the change, not the text: point its problems at the lines they are about.
                result = result with { Problems = PolicyLocator.Place(result.Problems, text) };
            }

            Report(result, trigger);
            return result;
        }
    }

    private void Report(PolicyReloadResult result, string trigger)
    {
        _metrics.Record(result.Outcome);
        switch (result.Outcome)
        {
            case PolicyReloadOutcome.Applied:
                Log.PolicyApplied(_logger, _options.Path, result.Generation, trigger, result.Change!.Summary);
                break;
            case PolicyReloadOutcome.Refused:
                Log.PolicyRefused(_logger, _options.Path, trigger, result.Generation, Environment.NewLine, string.Join(Environment.NewLine, result.Problems));
                break;
            default:
                Log.PolicyUnchanged(_logger, _options.Path, trigger);
                break;
        }
    }

    /// <summary>The file's text and the hash of its bytes; both null when it cannot be read (mid-swap, or gone).</summary>
    private (string? Text, string? Hash) Read()
    {
        try
        {
            var bytes = File.ReadAllBytes(_options.Path);
            using var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
            return (reader.ReadToEnd(), Convert.ToHexString(SHA256.HashData(bytes)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, null);
        }
    }
}
