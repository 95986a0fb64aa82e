using FastScale.Kubernetes.Models;
using FastScale.Simulation.Workloads;

namespace FastScale.Simulation.Tests.Workloads;

public sealed class PodOwnershipTests
{
    [Fact]
    public void DaemonSetAndMirrorPods_AreTold_FromWorkloadPods()
    {
        var daemon = Pod(owner: new OwnerReference { Kind = "DaemonSet", Name = "fluentd", Uid = "d1", Controller = true });
        var mirror = Pod(annotations: new Dictionary<string, string> { [PodOwnership.MirrorAnnotation] = "abc" });
        var workload = Pod(owner: new OwnerReference { Kind = "ReplicaSet", Name = "web", Uid = "r1", Controller = true });
        var notController = Pod(owner: new OwnerReference { Kind = "DaemonSet", Name = "x", Uid = "d2" });

        Assert.True(PodOwnership.IsDaemonSetPod(daemon));
        Assert.True(PodOwnership.IsMirrorPod(mirror));
        Assert.False(PodOwnership.IsDaemonSetPod(workload) || PodOwnership.IsMirrorPod(workload));
        Assert.False(PodOwnership.IsDaemonSetPod(notController));
        Assert.True(PodOwnership.IsControlledBy(workload, new ObjectMeta { Uid = "r1" }));
        Assert.False(PodOwnership.IsControlledBy(workload, new ObjectMeta { Uid = "r2" }));
    }

    private static Pod Pod(OwnerReference? owner = null, Dictionary<string, string>? annotations = null) => new()
    {
        Metadata = new ObjectMeta { Name = "p", Namespace = "default", OwnerReferences = owner is null ? null : [owner], Annotations = annotations },
    };
}
