using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Models;
using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.LeaderElection;

/// <summary>Leader election on a coordination.k8s.io/v1 Lease. A lease is free when it has no holder or its
/// renewTime + leaseDurationSeconds has passed; every write is a replace carrying the resourceVersion just read, so
/// of two replicas racing for a free lease exactly one wins and the other gets 409 Conflict.</summary>
internal sealed class LeaderElector : ILeaderElector
{
    private readonly IKubernetesApiClient _client;
    private readonly LeaderElectionOptions _options;
    private readonly LeaderElectionCallbacks _callbacks;
    private readonly TimeProvider _timeProvider;
    private readonly Func<double> _random;
    private readonly ILogger _logger;
    private volatile bool _isLeader;
    private volatile string? _observedLeader;

    public LeaderElector(IKubernetesApiClient client, LeaderElectionOptions options, LeaderElectionCallbacks callbacks, TimeProvider timeProvider, Func<double> random, ILogger logger)
    {
        _client = client;
        _options = options;
        _callbacks = callbacks;
        _timeProvider = timeProvider;
        _random = random;
        _logger = logger;
    }

    public bool IsLeader => _isLeader;
    public string? ObservedLeader => _observedLeader;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false))
                {
                    await Task.Delay(_options.RetryPeriod * (1 + (_random() * (LeaderElectionOptions.JitterFactor - 1))), _timeProvider, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                await LeadAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task LeadAsync(CancellationToken cancellationToken)
    {
        using var leading = new CancellationTokenSource();
        _isLeader = true;
        Log.Acquired(_logger, _options.LeaseNamespace, _options.LeaseName, _options.Identity);
        _callbacks.OnStartedLeading?.Invoke(leading.Token);
        var reason = "shutting down";
        try
        {
            var lastRenewal = _timeProvider.GetTimestamp();
            while (true)
            {
                await Task.Delay(_options.RetryPeriod, _timeProvider, cancellationToken).ConfigureAwait(false);
                if (await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false))
                {
                    lastRenewal = _timeProvider.GetTimestamp();
                }
                else if (_observedLeader != _options.Identity || _timeProvider.GetElapsedTime(lastRenewal) >= _options.RenewDeadline)
                {
                    // Someone else holds it now, or we could not renew in time: the lease may be taken any moment.
                    reason = _observedLeader != _options.Identity ? $"the lease is held by '{_observedLeader}'" : "could not renew within the deadline";
                    return;
                }
            }
        }
        finally
        {
            _isLeader = false;
            await leading.CancelAsync().ConfigureAwait(false);
            Log.Lost(_logger, _options.LeaseNamespace, _options.LeaseName, _options.Identity, reason);
            if (cancellationToken.IsCancellationRequested && _options.ReleaseOnCancel)
            {
                await ReleaseAsync().ConfigureAwait(false);
            }

            _callbacks.OnStoppedLeading?.Invoke();
        }
    }

    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        var leaseSeconds = (int)_options.LeaseDuration.TotalSeconds;
        var read = await _client.GetAsync(KubernetesResources.Leases, _options.LeaseNamespace, _options.LeaseName, cancellationToken).ConfigureAwait(false);
        if (!read.IsSuccess)
        {
            if (!read.Error.IsNotFound)
            {
                Log.UpdateFailed(_logger, _options.LeaseNamespace, _options.LeaseName, "get", read.Error.ToString());
                return false;
            }

            var created = await _client.CreateAsync(KubernetesResources.Leases, new Lease
            {
                Metadata = new ObjectMeta { Name = _options.LeaseName, Namespace = _options.LeaseNamespace },
                Spec = new LeaseSpec { HolderIdentity = _options.Identity, LeaseDurationSeconds = leaseSeconds, AcquireTime = now, RenewTime = now, LeaseTransitions = 0 },
            }, cancellationToken).ConfigureAwait(false);
            return Written(created, "create");
        }

        var lease = read.Value!;
        var spec = lease.Spec ?? new LeaseSpec();
        Observe(spec.HolderIdentity ?? "");
        var heldByUs = spec.HolderIdentity == _options.Identity;
        if (!heldByUs && !string.IsNullOrEmpty(spec.HolderIdentity) && !Expired(spec, now))
        {
            return false;
        }

        var updated = lease with
        {
            Spec = heldByUs
                ? spec with { RenewTime = now, LeaseDurationSeconds = leaseSeconds }
                : spec with
                {
                    HolderIdentity = _options.Identity,
                    LeaseDurationSeconds = leaseSeconds,
                    AcquireTime = now,
                    RenewTime = now,
                    LeaseTransitions = (spec.LeaseTransitions ?? 0) + 1,
                },
        };
        var written = await _client.ReplaceAsync(KubernetesResources.Leases, updated, cancellationToken).ConfigureAwait(false);
        return Written(written, heldByUs ? "renew" : "acquire");
    }

    private bool Written(KubernetesResult<Lease> result, string action)
    {
        if (!result.IsSuccess)
        {
            Log.UpdateFailed(_logger, _options.LeaseNamespace, _options.LeaseName, action, result.Error.ToString());
            return false;
        }

        Observe(result.Value!.Spec?.HolderIdentity ?? "");
        return true;
    }

    private bool Expired(LeaseSpec spec, DateTimeOffset now)
    {
        var duration = spec.LeaseDurationSeconds is int seconds and > 0 ? TimeSpan.FromSeconds(seconds) : _options.LeaseDuration;
        return spec.RenewTime is not { } renewed || renewed + duration <= now;
    }

    private void Observe(string holder)
    {
        if (holder == _observedLeader)
        {
            return;
        }

        _observedLeader = holder;
        Log.Observed(_logger, _options.LeaseNamespace, _options.LeaseName, holder);
        _callbacks.OnNewLeader?.Invoke(holder);
    }

    /// <summary>Clears the holder (only if still ours) so a successor takes over at its next retry, not after the
    /// lease runs out. Best effort, bounded by the renew deadline, since the caller is already shutting down.</summary>
    private async Task ReleaseAsync()
    {
        using var deadline = new CancellationTokenSource(_options.RenewDeadline, _timeProvider);
        try
        {
            var read = await _client.GetAsync(KubernetesResources.Leases, _options.LeaseNamespace, _options.LeaseName, deadline.Token).ConfigureAwait(false);
            if (!read.IsSuccess || read.Value!.Spec?.HolderIdentity != _options.Identity)
            {
                return;
            }

            var now = _timeProvider.GetUtcNow();
            var released = read.Value with { Spec = read.Value.Spec with { HolderIdentity = null, LeaseDurationSeconds = 1, RenewTime = now, AcquireTime = now } };
            var written = await _client.ReplaceAsync(KubernetesResources.Leases, released, deadline.Token).ConfigureAwait(false);
            if (written.IsSuccess)
            {
                Log.Released(_logger, _options.LeaseNamespace, _options.LeaseName, _options.Identity);
            }
            else
            {
                Log.UpdateFailed(_logger, _options.LeaseNamespace, _options.LeaseName, "release", written.Error.ToString());
            }
        }
        catch (OperationCanceledException)
        {
            // The deadline passed; the lease simply runs out.
        }
    }
}
