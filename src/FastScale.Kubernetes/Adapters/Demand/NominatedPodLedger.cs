using FastScale.Engine.Demand;

namespace FastScale.Kubernetes.Adapters.Demand;

/// <summary>
/// Pods the scheduler has nominated to a node (<c>status.nominatedNodeName</c>: it is preempting lower-priority pods
/// there) but not bound yet: the room they will take, per node. The cluster-autoscaler treats such a pod as scheduled on
/// its nominated node, so it asks for no new node and uses up that node's room; <see cref="KubernetesPendingPodSource"/>
/// and <see cref="KubernetesNodeRoom"/> do the same through this ledger.
/// </summary>
/// <remarks>Keyed by pod uid, so a nomination that moves to another node, or repeats, is counted once.</remarks>
internal sealed class NominatedPodLedger
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Node, PodRequests Requests)> _byPod = new(StringComparer.Ordinal);

    /// <summary>How many pods are nominated now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byPod.Count;
            }
        }
    }

    public void Put(string uid, string nodeName, PodRequests requests)
    {
        lock (_gate)
        {
            _byPod[uid] = (nodeName, requests);
        }
    }

    public void Remove(string uid)
    {
        lock (_gate)
        {
            _byPod.Remove(uid);
        }
    }

    /// <summary>The requests of the pods nominated to <paramref name="nodeName"/>, summed; zero when none is.</summary>
    /// <remarks>A scan: nominations are rare and short-lived (they last while victims terminate).</remarks>
    public PodRequests RequestsOn(string nodeName)
    {
        long cpu = 0, memory = 0, storage = 0, pods = 0;
        var extended = new Dictionary<string, long>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var (node, requests) in _byPod.Values)
            {
                if (!string.Equals(node, nodeName, StringComparison.Ordinal))
                {
                    continue;
                }

                (cpu, memory, storage, pods) = (cpu + requests.CpuMillis, memory + requests.MemoryBytes, storage + requests.EphemeralStorageBytes, pods + requests.Pods);
                foreach (var (name, amount) in requests.ExtendedResources)
                {
                    extended[name] = extended.GetValueOrDefault(name) + amount;
                }
            }
        }

        return new PodRequests(cpu, memory, storage, extended, pods);
    }
}
