using System.Globalization;

namespace FastScale.Engine.Cloud.InMemory;

/// <summary>
/// A cloud in a dictionary, for unit tests and for running the provider without any endpoint. It keeps the
/// contracts that matter to the engine: ClientToken idempotency, idempotent deletes, ownership by cluster, and
/// instances that reach Running only after <see cref="InMemoryCloudOptions.ProvisionDelay"/> of the injected clock.
/// </summary>
public sealed class InMemoryCloud(InMemoryCloudOptions options, TimeProvider time) : ICloud
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredInstance> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (LaunchRequest Request, string[] Ids)> _byToken = new(StringComparer.Ordinal);
    private long _nextId;

    /// <summary>Calls per action, for tests that assert how the engine uses the cloud.</summary>
    public int LaunchCalls { get; private set; }

    public int DeleteCalls { get; private set; }

    public int InstanceCount { get { lock (_gate) { return _instances.Count; } } }

    public Task<CloudResult<IReadOnlyList<string>>> LaunchAsync(LaunchRequest request, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            LaunchCalls++;
            if (request.Amount is < 1 or > LaunchRequest.MaxAmount)
            {
                return Task.FromResult<CloudResult<IReadOnlyList<string>>>(
                    new CloudError(CloudErrorKind.InvalidRequest, "InvalidParameter.Amount", $"Amount must be 1-{LaunchRequest.MaxAmount}"));
            }

            if (_byToken.TryGetValue(request.ClientToken, out var earlier))
            {
                return Task.FromResult(earlier.Request == request
                    ? CloudResult<IReadOnlyList<string>>.Ok(earlier.Ids)
                    : new CloudError(CloudErrorKind.IdempotencyMismatch, "IdempotentParameterMismatch", "same ClientToken, different parameters"));
            }

            if (options.OutOfStock.Contains($"{request.InstanceType}@{request.ZoneId}"))
            {
                return Task.FromResult<CloudResult<IReadOnlyList<string>>>(
                    new CloudError(CloudErrorKind.OutOfStock, "OperationDenied.NoStock", $"{request.InstanceType} is out of stock in {request.ZoneId}"));
            }

            var now = time.GetUtcNow();
            var ids = new string[request.Amount];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = "i-mem" + (++_nextId).ToString("x12", CultureInfo.InvariantCulture);
                _instances[ids[i]] = new StoredInstance(request, now);
            }

            _byToken[request.ClientToken] = (request, ids);
            return Task.FromResult(CloudResult<IReadOnlyList<string>>.Ok(ids));
        }
    }

    public Task<CloudResult<IReadOnlyList<CloudInstance>>> ListInstancesAsync(string clusterId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var list = _instances
                .Where(pair => pair.Value.Request.ClusterId == clusterId)
                .Select(pair => new CloudInstance(
                    pair.Key,
                    pair.Value.Request.GroupId,
                    pair.Value.Request.InstanceType,
                    pair.Value.Request.ZoneId,
                    now - pair.Value.CreatedAt >= options.ProvisionDelay ? CloudInstanceStatus.Running : CloudInstanceStatus.Pending,
                    pair.Value.CreatedAt))
                .ToList();
            return Task.FromResult(CloudResult<IReadOnlyList<CloudInstance>>.Ok(list));
        }
    }

    public Task<CloudResult<bool>> DeleteInstancesAsync(IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            DeleteCalls++;
            foreach (var id in instanceIds)
            {
                _instances.Remove(id);
            }

            return Task.FromResult(CloudResult<bool>.Ok(true));
        }
    }

    private sealed record StoredInstance(LaunchRequest Request, DateTimeOffset CreatedAt);
}
