using FastScale.Kubernetes.Client;

namespace FastScale.Burst;

/// <summary>
/// Creates a burst's pods through the API as the ReplicaSet controller does when a Deployment is scaled up: at most
/// <see cref="BurstReplicas"/> per sync, each sync in slow-start batches of 1, 2, 4, 8… creates sent together, all
/// through one client paced at the controller-manager's rate (the <paramref name="api"/> client's QPS and burst). A
/// create the server refuses is tried again after a second, as the controller requeues it.
/// </summary>
/// <remarks>
/// The batch sizes and the 500 per sync are the controller's own (<c>burstReplicas</c> and the slow-start batch of
/// <c>pkg/controller/replicaset/replica_set.go</c> in kubernetes/kubernetes); with a 20 QPS client the client rate, not
/// the batching, sets the pace: 1,000 pods take about 50 s.
/// </remarks>
internal sealed class ReplicaSetPodCreator(IKubernetesApiClient api, TimeProvider time)
{
    /// <summary>The most pods the ReplicaSet controller creates in one sync.</summary>
    public const int BurstReplicas = 500;

    private int _created;

    /// <summary>Pods created so far (the API answered): what the cluster-autoscaler could have seen by now.</summary>
    public int Created => Volatile.Read(ref _created);

    public async Task CreateAsync(int count, CancellationToken cancellationToken)
    {
        var next = 0;
        while (next < count)
        {
            var sync = Math.Min(count - next, BurstReplicas);
            var done = 0;
            for (var batch = 1; done < sync; batch *= 2)
            {
                var size = Math.Min(batch, sync - done);
                var first = next + done;
                await Task.WhenAll(Enumerable.Range(first, size).Select(i => CreateOneAsync(i, cancellationToken))).ConfigureAwait(false);
                done += size;
            }

            next += sync;
        }
    }

    private async Task CreateOneAsync(int index, CancellationToken cancellationToken)
    {
        var pod = PendingPodDriver.PodFor(index);
        while (true)
        {
            var created = await api.CreateAsync(KubernetesResources.Pods, pod, cancellationToken).ConfigureAwait(false);
            if (created.IsSuccess || created.Error.IsAlreadyExists)
            {
                Interlocked.Increment(ref _created);
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken).ConfigureAwait(false);
        }
    }
}
