using FastScale.Engine.Cloud;
using FastScale.Engine.Policy;
using FastScale.Engine.Rollout;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace FastScale.Engine.Launch;

/// <summary>
/// Creates the instances of one launch batch (up to 100 of one group) with as few RunInstances calls as the stock
/// allows: paced by the account's <see cref="CloudApiBudget"/>, retried with the same ClientToken on transient
/// failures, and moved to the next instance type or zone in the group's preference order on any capacity refusal (stock-out,
/// zone or type not on sale, vSwitch out of IPs); an account-wide quota fails the batch at once.
/// Callers run many batches at once; the budget decides how many calls go out together.
/// </summary>
public sealed class Launcher
{
    private static readonly ResiliencePropertyKey<LaunchRequest> RequestKey = new("fastscale.launch-request");
    private readonly PacedCloud _cloud;
    private readonly LauncherOptions _options;
    private readonly ILogger<Launcher> _logger;
    private readonly ResiliencePipeline<CloudResult<IReadOnlyList<string>>> _transientRetry;
    private long _retries;

    public Launcher(PacedCloud cloud, LauncherOptions options, TimeProvider time, ILogger<Launcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        (_cloud, _options, _logger) = (cloud, options, logger);
        Unavailable = new UnavailableOfferings(options.UnavailableOfferingTtl, time);
        _transientRetry = new ResiliencePipelineBuilder<CloudResult<IReadOnlyList<string>>> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<CloudResult<IReadOnlyList<string>>>
            {
                // Throttling never reaches here: the budget waits out the pause and calls again.
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Result.Error?.Kind == CloudErrorKind.Transient),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                MaxRetryAttempts = options.MaxTransientRetries,
                Randomizer = options.Jitter,
                OnRetry = args =>
                {
                    Interlocked.Increment(ref _retries);
                    _cloud.Metrics.Retried(CloudAction.RunInstances);
                    var request = args.Context.Properties.GetValue(RequestKey, null!);
                    Log.Retrying(_logger, request.GroupId, request.LaunchBatch, args.Outcome.Result.Error!, args.AttemptNumber + 1,
                        args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>The stock-out cache, shared by every group's batches.</summary>
    public UnavailableOfferings Unavailable { get; }

    /// <summary>RunInstances calls repeated after a transient failure.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>
    /// Fills <paramref name="batch"/> from the group's offerings in preference order. Never throws for cloud failures:
    /// slots that stay empty come back in <see cref="LaunchOutcome.FailedCount"/> with the error to report.
    /// </summary>
    public Task<LaunchOutcome> LaunchAsync(LaunchBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return LaunchCoreAsync(batch.Group, () => batch, batch.Priority, cancellationToken);
    }

    /// <summary>
    /// Like <see cref="LaunchAsync(LaunchBatch, CancellationToken)"/> for a batch that others may still join: it is sealed
    /// when its first call gets its permit (or when no call can be made), and the outcome is of the sealed amount.
    /// </summary>
    public async Task<(LaunchBatch Batch, LaunchOutcome Outcome)> LaunchAsync(OpenLaunchBatch open, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(open);
        var outcome = await LaunchCoreAsync(open.Group, open.Seal, ApiPriority.ScaleOut, cancellationToken).ConfigureAwait(false);
        return (open.Seal(), outcome);
    }

    private async Task<LaunchOutcome> LaunchCoreAsync(
        NodeGroupPolicy group, Func<LaunchBatch> seal, ApiPriority priority, CancellationToken cancellationToken)
    {
        var created = new List<string>();
        var origins = new Dictionary<string, InstanceOrigin>(StringComparer.Ordinal);
        var templateHash = NodeTemplateHash.Of(group);
        CloudError? lastError = null;
        LaunchBatch? batch = null;
        foreach (var offering in OfferingsOf(group))
        {
            if (batch is not null && created.Count == batch.Amount)
            {
                break;
            }

            if (Unavailable.IsUnavailable(offering, out var cached))
            {
                lastError = cached;
                continue;
            }

            // Built once the call has its permit: until then an open batch may still grow.
            LaunchRequest? request = null;
            LaunchRequest RequestOnPermit()
            {
                if (request is null)
                {
                    batch ??= seal();
                    var remaining = batch.Amount - created.Count;
                    request = new LaunchRequest(
                        batch.ClusterId, group.Id, ClientTokens.For(batch.ClusterId, group.Id, batch.Number, offering, remaining, batch.WarmPool),
                        group.ImageId, offering.InstanceType, offering.ZoneId, offering.VSwitchId, group.SecurityGroupId, remaining,
                        MinAmount: 1, batch.Number, batch.WarmPool)
                    {
                        TemplateHash = templateHash,
                    };
                }

                return request;
            }

            var result = await RunAsync(RequestOnPermit, priority, cancellationToken).ConfigureAwait(false);
            batch ??= seal();
            if (result.IsSuccess)
            {
                // MinAmount 1: a partial stock yields what it has; the rest of the batch moves on to the next offering.
                created.AddRange(result.Value!);
                var origin = InstanceOrigin.Of(request!);
                foreach (var id in result.Value!)
                {
                    origins[id] = origin;
                }

                Log.Launched(_logger, group.Id, batch.Number, result.Value!.Count, request!.Amount, offering.InstanceType, offering.ZoneId);
                continue;
            }

            lastError = result.Error!;
            switch (lastError.Kind)
            {
                case CloudErrorKind.OutOfStock:
                    // Every capacity refusal (no stock, type or zone not on sale, vSwitch out of IPs) is a fact about a
                    // place; another place may have room, and the cache keeps other batches from asking the full one.
                    Unavailable.Mark(offering, lastError);
                    Log.OfferingUnavailable(_logger, group.Id, batch.Number, offering.InstanceType, offering.ZoneId, lastError, lastError.Scope,
                        _options.UnavailableOfferingTtl.TotalSeconds);
                    continue;
                case CloudErrorKind.QuotaExceeded:
                    // The quota is the account's: another offering draws on the same one, so moving on would only spend
                    // calls. The slots fail with OutOfResources and the autoscaler's backoff decides when to ask again.
                case CloudErrorKind.Transient:
                    // Retries exhausted: the endpoint is down, and the autoscaler should hear it now, not in 15 minutes.
                case CloudErrorKind.Throttled:
                case CloudErrorKind.IdempotencyMismatch:
                case CloudErrorKind.NotFound:
                case CloudErrorKind.InvalidRequest:
                case CloudErrorKind.Unauthorized:
                default:
                    return Fail(batch, created, lastError) with { Origins = origins };
            }
        }

        batch ??= seal();
        var outcome = created.Count == batch.Amount
            ? new LaunchOutcome(created, 0, null)
            : Fail(batch, created, lastError ?? new CloudError(CloudErrorKind.InvalidRequest, "NoOffering", $"node group '{group.Id}' has no instance type and zone to launch"));
        return outcome with { Origins = origins };
    }

    /// <summary>Instance types in preference order, each over the zones in preference order.</summary>
    public static IEnumerable<Offering> OfferingsOf(NodeGroupPolicy group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return group.InstanceTypes.SelectMany(_ => group.Zones, static (type, zone) => new Offering(type, zone.ZoneId, zone.VSwitchId));
    }

    private LaunchOutcome Fail(LaunchBatch batch, List<string> created, CloudError error)
    {
        var failed = batch.Amount - created.Count;
        Log.BatchFailed(_logger, batch.Group.Id, batch.Number, failed, error);
        return new LaunchOutcome(created, failed, error);
    }

    private async Task<CloudResult<IReadOnlyList<string>>> RunAsync(
        Func<LaunchRequest> requestOnPermit, ApiPriority priority, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            var outcome = await _transientRetry.ExecuteOutcomeAsync(
                static async (ctx, state) =>
                {
                    var result = await state.Self._cloud.LaunchAsync(
                        () =>
                        {
                            var request = state.RequestOnPermit();
                            ctx.Properties.Set(RequestKey, request);
                            return request;
                        },
                        state.Priority,
                        ctx.CancellationToken).ConfigureAwait(false);
                    return Outcome.FromResult(result);
                },
                context,
                (Self: this, RequestOnPermit: requestOnPermit, Priority: priority)).ConfigureAwait(false);
            outcome.ThrowIfException();
            return outcome.Result;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
