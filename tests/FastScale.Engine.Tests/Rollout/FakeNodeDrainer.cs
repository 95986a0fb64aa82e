using System.Collections.Concurrent;
using FastScale.Engine.Rollout;
using FastScale.Engine.Tests.Repair;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Engine.Tests.Rollout;

/// <summary>
/// Drains by cordoning the fake node and taking <see cref="DrainTime"/> of the fake clock; answers what
/// <see cref="ResultFor"/> says (Drained by default). Records every drain and release, and the most at once.
/// </summary>
internal sealed class FakeNodeDrainer(FakeNodeHealthSource nodes, FakeTimeProvider time) : INodeDrainer
{
    private int _inFlight;

    public TimeSpan DrainTime { get; set; } = TimeSpan.FromSeconds(20);

    public Func<DrainRequest, DrainResult> ResultFor { get; set; } = _ => DrainResult.Drained;

    public ConcurrentQueue<DrainRequest> Drains { get; } = new();

    public ConcurrentQueue<string> Released { get; } = new();

    public int MostAtOnce { get; private set; }

    public async Task<DrainOutcome> DrainAsync(DrainRequest request, CancellationToken cancellationToken)
    {
        Drains.Enqueue(request);
        MostAtOnce = Math.Max(MostAtOnce, Interlocked.Increment(ref _inFlight));
        try
        {
            if (nodes.Find(request.InstanceId) is { } node)
            {
                nodes.Set(request.InstanceId, node.Readiness, node.Since, cordoned: true);
            }

            await Task.Delay(DrainTime, time, cancellationToken);
            return new DrainOutcome(ResultFor(request), Evicted: 10);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public Task ReleaseAsync(string instanceId, CancellationToken cancellationToken)
    {
        Released.Enqueue(instanceId);
        if (nodes.Find(instanceId) is { } node)
        {
            nodes.Set(instanceId, node.Readiness, node.Since, cordoned: false);
        }

        return Task.CompletedTask;
    }
}
