using System.Globalization;
using FastScale.Engine.Cloud;
using Microsoft.Extensions.DependencyInjection;

namespace FastScale.Testing.Cloud;

/// <summary>
/// A cloud in a dictionary, for unit tests and for running the provider without any endpoint (tests, benchmarks). It keeps the
/// contracts that matter to the engine: ClientToken idempotency, idempotent deletes, ownership by cluster, and
/// instances that reach Running only after <see cref="InMemoryCloudOptions.ProvisionDelay"/> of the injected clock.
/// </summary>
/// <remarks>
/// For tests it keeps a call log (<see cref="Calls"/>) and answers one-shot injected errors per action
/// (<see cref="InjectError"/>, <see cref="InjectLostResponse"/>), as a hand-written fake cloud should.
/// Each method is one call of its <see cref="CloudAction"/>; a listing page counts as DescribeInstances. Deleting an unknown
/// instance is not refused (ECS refuses the whole batch; the ECS adapter's tests cover that).
/// </remarks>
public sealed class InMemoryCloud(InMemoryCloudOptions options, TimeProvider time) : ICloud
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredInstance> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (LaunchRequest Request, CloudResult<IReadOnlyList<string>> Answer)> _byToken = new(StringComparer.Ordinal);
    private readonly Dictionary<CloudAction, Queue<(CloudError Error, bool AfterApplying)>> _faults = [];
    private readonly List<CloudCall> _calls = [];
    private readonly List<LaunchRequest> _launchRequests = [];
    private long _nextId;

    /// <summary>For a container that builds the cloud (serve's <c>ServeSettings.Cloud</c>): on the container's clock.</summary>
    public static Func<IServiceProvider, ICloud> Factory(InMemoryCloudOptions? options = null) =>
        services => new InMemoryCloud(options ?? new InMemoryCloudOptions(), services.GetService<TimeProvider>() ?? TimeProvider.System);

    public int LaunchCalls => CallsOf(CloudAction.RunInstances);

    public int DeleteCalls => CallsOf(CloudAction.DeleteInstances);

    public int InstanceCount { get { lock (_gate) { return _instances.Count; } } }

    /// <summary>True when the instance exists and was stopped in economical mode (StoppedMode=StopCharging).</summary>
    public bool IsStoppedEconomically(string instanceId)
    {
        lock (_gate)
        {
            return _instances.TryGetValue(instanceId, out var instance) && instance.Stopped && instance.Economical;
        }
    }

    /// <summary>Every call answered so far, in order.</summary>
    public IReadOnlyList<CloudCall> Calls { get { lock (_gate) { return [.. _calls]; } } }

    /// <summary>Every RunInstances request as the engine built it (image, type, zone, security group), in call order.</summary>
    public IReadOnlyList<LaunchRequest> LaunchRequests { get { lock (_gate) { return [.. _launchRequests]; } } }

    /// <summary>The next call of <paramref name="action"/> fails with <paramref name="error"/> and changes nothing.</summary>
    public void InjectError(CloudAction action, CloudError error)
    {
        lock (_gate)
        {
            FaultsOf(action).Enqueue((error, false));
        }
    }

    /// <summary>
    /// The next call of <paramref name="action"/> takes effect but its answer is lost: the caller sees a transient
    /// error, as when a connection drops after the cloud accepted the request.
    /// </summary>
    public void InjectLostResponse(CloudAction action)
    {
        lock (_gate)
        {
            FaultsOf(action).Enqueue((CloudFaults.Transient() with { Code = "RequestTimeout" }, true));
        }
    }

    /// <summary>Forgets injected errors and the call log; instances stay.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _faults.Clear();
            _calls.Clear();
        }
    }

    public Task<CloudResult<IReadOnlyList<string>>> LaunchAsync(LaunchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            _launchRequests.Add(request);
            var result = Answer(CloudAction.RunInstances, request.Amount, request.ClientToken, () => Launch(request));
            return Task.FromResult(result);
        }
    }

    /// <summary>
    /// A page of <see cref="InMemoryCloudOptions.PageSize"/> instances in creation order; the token is the last id of the
    /// page, so instances created or deleted between pages neither repeat nor shift the rest (as ECS's NextToken). The
    /// call log counts the instances the page holds.
    /// </summary>
    public Task<CloudResult<CloudInstancePage>> ListInstancesPageAsync(string clusterId, string? nextToken, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // Ids are a fixed prefix and a counter in fixed-width hex: ordinal order is creation order.
            var rest = _instances
                .Where(pair => pair.Value.Request.ClusterId == clusterId
                    && (nextToken is null || string.CompareOrdinal(pair.Key, nextToken) > 0))
                .OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .ToList();
            var page = rest.Take(Math.Max(1, options.PageSize)).Select(pair => Describe(pair.Key, pair.Value)).ToList();
            var next = rest.Count > page.Count ? page[^1].InstanceId : null;
            var result = Answer(CloudAction.DescribeInstances, page.Count, null, () => CloudResult<CloudInstancePage>.Ok(new CloudInstancePage(page, next)));
            return Task.FromResult(result);
        }
    }

    public Task<CloudResult<IReadOnlyList<CloudInstance>>> DescribeInstancesAsync(IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        lock (_gate)
        {
            var result = Answer(CloudAction.DescribeInstances, instanceIds.Count, null, () =>
                BadIdCount(instanceIds) is { } bad ? CloudResult<IReadOnlyList<CloudInstance>>.Fail(bad)
                : CloudResult<IReadOnlyList<CloudInstance>>.Ok(instanceIds
                    .Distinct(StringComparer.Ordinal)
                    .Where(_instances.ContainsKey)
                    .Select(id => Describe(id, _instances[id]))
                    .ToList()));
            return Task.FromResult(result);
        }
    }

    public Task<CloudResult<IReadOnlyList<CloudInstanceChange>>> StartInstancesAsync(IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        lock (_gate)
        {
            var result = Answer(CloudAction.StartInstances, instanceIds.Count, null, () =>
                BadIdCount(instanceIds) is { } bad ? CloudResult<IReadOnlyList<CloudInstanceChange>>.Fail(bad) : ChangeEach(instanceIds, Start));
            return Task.FromResult(result);
        }
    }

    public Task<CloudResult<IReadOnlyList<CloudInstanceChange>>> StopInstancesAsync(
        IReadOnlyList<string> instanceIds, bool economical, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        lock (_gate)
        {
            var result = Answer(CloudAction.StopInstances, instanceIds.Count, null, () =>
                BadIdCount(instanceIds) is { } bad ? CloudResult<IReadOnlyList<CloudInstanceChange>>.Fail(bad) : ChangeEach(instanceIds, instance => Stop(instance, economical)));
            return Task.FromResult(result);
        }
    }

    public Task<CloudResult<bool>> DeleteInstancesAsync(IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        lock (_gate)
        {
            var result = Answer(CloudAction.DeleteInstances, instanceIds.Count, null, () =>
            {
                foreach (var id in instanceIds)
                {
                    _instances.Remove(id);
                }

                return CloudResult<bool>.Ok(true);
            });
            return Task.FromResult(result);
        }
    }

    /// <summary>Runs <paramref name="apply"/> unless a fault is queued for the action, and logs the call. Under the lock.</summary>
    private CloudResult<T> Answer<T>(CloudAction action, int count, string? clientToken, Func<CloudResult<T>> apply)
    {
        CloudResult<T> result;
        if (_faults.TryGetValue(action, out var queue) && queue.TryDequeue(out var fault))
        {
            if (fault.AfterApplying)
            {
                apply();
            }

            result = CloudResult<T>.Fail(fault.Error);
        }
        else
        {
            result = apply();
        }

        _calls.Add(new CloudCall(action, time.GetUtcNow(), count, clientToken, result.Error));
        return result;
    }

    private CloudResult<IReadOnlyList<string>> Launch(LaunchRequest request)
    {
        if (request.Amount is < 1 or > LaunchRequest.MaxAmount || request.MinAmount > request.Amount)
        {
            return new CloudError(CloudErrorKind.InvalidRequest, "InvalidParameter.Amount", $"Amount must be 1-{LaunchRequest.MaxAmount} and at least MinAmount");
        }

        if (_byToken.TryGetValue(request.ClientToken, out var earlier))
        {
            return earlier.Request == request
                ? earlier.Answer
                : new CloudError(CloudErrorKind.IdempotencyMismatch, "IdempotentParameterMismatch", "same ClientToken, different parameters");
        }

        // The emulator's token rule (its IdempotencyCache): a capacity or quota refusal is kept under the token like a
        // success, so the same token gets it again after stock returns; injected faults (throttles, transient errors,
        // lost answers) come before the token is read and are never kept.
        var answer = Create(request);
        _byToken[request.ClientToken] = (request, answer);
        return answer;
    }

    private CloudResult<IReadOnlyList<string>> Create(LaunchRequest request)
    {
        if (options.OutOfStock.Contains($"{request.InstanceType}@{request.ZoneId}"))
        {
            return CloudFaults.OutOfStock($"{request.InstanceType} in {request.ZoneId}");
        }

        var room = options.MaxInstances - _instances.Count;
        if (room < Math.Max(1, request.MinAmount))
        {
            return CloudFaults.QuotaExceeded();
        }

        var now = time.GetUtcNow();
        var ids = new string[Math.Min(request.Amount, room)];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = "i-mem" + (++_nextId).ToString("x12", CultureInfo.InvariantCulture);
            _instances[ids[i]] = new StoredInstance(request, now) { BootingSince = now };
        }

        return CloudResult<IReadOnlyList<string>>.Ok(ids);
    }

    private CloudResult<IReadOnlyList<CloudInstanceChange>> ChangeEach(IReadOnlyList<string> instanceIds, Func<StoredInstance, CloudError?> change) =>
        CloudResult<IReadOnlyList<CloudInstanceChange>>.Ok(instanceIds
            .Select(id => new CloudInstanceChange(id, _instances.TryGetValue(id, out var instance)
                ? change(instance)
                : new CloudError(CloudErrorKind.NotFound, "InvalidInstanceId.NotFound", $"{id} does not exist")))
            .ToList());

    private CloudError? Start(StoredInstance instance)
    {
        if (!instance.Stopped)
        {
            return null;
        }

        // Economical mode gives the compute back: a start needs stock again.
        if (instance.Economical && options.OutOfStock.Contains($"{instance.Request.InstanceType}@{instance.Request.ZoneId}"))
        {
            return CloudFaults.OutOfStock($"{instance.Request.InstanceType} in {instance.Request.ZoneId}");
        }

        instance.Stopped = false;
        instance.Restarted = true;
        instance.BootingSince = time.GetUtcNow();
        return null;
    }

    private CloudError? Stop(StoredInstance instance, bool economical)
    {
        instance.Stopped = true;
        instance.Economical = economical && !options.EconomicalModeUnavailable;
        return null;
    }

    private static CloudError? BadIdCount(IReadOnlyList<string> instanceIds) =>
        instanceIds.Count is 0 or > LaunchRequest.MaxAmount
            ? new CloudError(CloudErrorKind.InvalidRequest, "InvalidParameter.InstanceIds", $"between 1 and {LaunchRequest.MaxAmount} ids per call, got {instanceIds.Count}")
            : null;

    private CloudInstance Describe(string id, StoredInstance stored)
    {
        var booted = time.GetUtcNow() - stored.BootingSince >= options.ProvisionDelay;
        var status = stored.Stopped ? CloudInstanceStatus.Stopped
            : booted ? CloudInstanceStatus.Running
            : stored.Restarted ? CloudInstanceStatus.Starting
            : CloudInstanceStatus.Pending;
        return new CloudInstance(id, stored.Request.GroupId, stored.Request.InstanceType, stored.Request.ZoneId, status, stored.CreatedAt,
            stored.Request.LaunchBatch, stored.Request.WarmPool,
            !stored.Stopped ? CloudStoppedMode.NotApplicable : stored.Economical ? CloudStoppedMode.StopCharging : CloudStoppedMode.KeepCharging)
        {
            ImageId = stored.Request.ImageId,
            VSwitchId = stored.Request.VSwitchId,
            SecurityGroupIds = [stored.Request.SecurityGroupId],
            TemplateHash = stored.Request.TemplateHash,
        };
    }

    private Queue<(CloudError, bool)> FaultsOf(CloudAction action)
    {
        if (!_faults.TryGetValue(action, out var queue))
        {
            _faults[action] = queue = new Queue<(CloudError, bool)>();
        }

        return queue;
    }

    private int CallsOf(CloudAction action)
    {
        lock (_gate)
        {
            return _calls.Count(c => c.Action == action);
        }
    }

    private sealed class StoredInstance(LaunchRequest request, DateTimeOffset createdAt)
    {
        public LaunchRequest Request { get; } = request;
        public DateTimeOffset CreatedAt { get; } = createdAt;
        public DateTimeOffset BootingSince { get; set; }
        public bool Stopped { get; set; }
        public bool Economical { get; set; }
        public bool Restarted { get; set; }
    }
}
