using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using FastScale.Plan;

namespace FastScale.Tests.Plan;

/// <summary>The plan's informers deliver each change to a waiting reader before <c>Put</c> returns, with the selector semantics of a watch.</summary>
public sealed class PlanInformerTests
{
    private static Pod Pod(string name, string? node = null) =>
        new() { Metadata = new ObjectMeta { Name = name, Namespace = "ns", Uid = "uid-" + name }, Spec = new PodSpec { NodeName = node } };

    private static PlanInformer<Pod> Unbound() => new(p => $"{p.Metadata!.Namespace}/{p.Metadata.Name}", p => string.IsNullOrEmpty(p.Spec?.NodeName));

    /// <summary>Run off xunit's synchronization context, as the plan's own thread runs: the reader resumes inline.</summary>
    [Fact]
    public Task Put_AWaitingReaderHasTheChangeBeforePutReturns() => Task.Run(async () =>
    {
        var informer = Unbound();
        var seen = new List<(InformerChangeType, string)>();
        using var stop = new CancellationTokenSource();
        var reader = informer.Subscribe();
        var pump = Task.Run(async () =>
        {
            await foreach (var change in reader.ReadAllAsync(stop.Token))
            {
                seen.Add((change.Type, change.Object.Metadata!.Name!));
            }
        });
        // The pump must be waiting on the channel before the first Put, however late the pool schedules it: a warm-up
        // change it has been seen to take proves it is in its loop; the rest of that turn is synchronous, so a short
        // pause leaves it awaiting the next change.
        informer.Put(Pod("warm-up"));
        informer.Put(Pod("warm-up", node: "n0"));
        var started = TimeProvider.System.GetTimestamp();
        while (seen.Count < 2 && TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);

        informer.Put(Pod("a"));
        var afterFirstPut = seen.Count - 2;
        informer.Put(Pod("a"));
        informer.Put(Pod("a", node: "n1"));
        var afterBind = seen.Skip(2).ToList();

        Assert.Equal(1, afterFirstPut);
        Assert.Equal([(InformerChangeType.Added, "a"), (InformerChangeType.Updated, "a"), (InformerChangeType.Deleted, "a")], afterBind);
        Assert.Equal(0, informer.Count);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pump);
    });

    [Fact]
    public void Subscribe_ReplaysWhatItHoldsAsAdded_AndIgnoresObjectsItsSelectorRefuses()
    {
        var informer = Unbound();
        informer.Put(Pod("bound", node: "n1"));
        informer.Put(Pod("pending"));

        var reader = informer.Subscribe(replayExisting: true);

        Assert.True(reader.TryRead(out var change));
        Assert.Equal((InformerChangeType.Added, "pending"), (change!.Type, change.Object.Metadata!.Name));
        Assert.False(reader.TryRead(out _));
        Assert.Null(informer.Get("ns/bound"));
        Assert.True(informer.HasSynced);
    }
}
