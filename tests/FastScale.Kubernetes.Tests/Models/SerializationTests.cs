using System.Text.Json;
using FastScale.Kubernetes.Models;

namespace FastScale.Kubernetes.Tests.Models;

public sealed class SerializationTests
{
    [Fact]
    public void Lease_Times_WrittenAsMicroTime()
    {
        var time = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567);
        var json = JsonSerializer.Serialize(new Lease { Spec = new LeaseSpec { HolderIdentity = "a", RenewTime = time } }, KubernetesJsonContext.Default.Lease);

        Assert.Equal("""{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","spec":{"holderIdentity":"a","renewTime":"2025-01-02T03:04:05.123456Z"}}""", json);
    }

    [Fact]
    public void Pod_ServerJson_ReadsSchedulingFields()
    {
        var json = """
            {"metadata":{"name":"p","namespace":"d","creationTimestamp":"2025-01-02T03:04:05Z",
              "ownerReferences":[{"apiVersion":"apps/v1","kind":"DaemonSet","name":"ds","uid":"u","controller":true}]},
             "spec":{"nodeSelector":{"pool":"a"},"priority":100,"overhead":{"cpu":"50m"},
              "affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"zone","operator":"In","values":["z1"]}]}]}}},
              "tolerations":[{"key":"gpu","operator":"Exists","effect":"NoSchedule"}],
              "initContainers":[{"name":"i","resources":{"requests":{"cpu":"1"}}}],
              "containers":[{"name":"c","resources":{"requests":{"cpu":"500m","memory":"1Gi"}}}]},
             "status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"Unschedulable","lastTransitionTime":"2025-01-02T03:04:06+08:00"}]},
             "unknownField":1}
            """;

        var pod = JsonSerializer.Deserialize(json, KubernetesJsonContext.Default.Pod)!;

        Assert.Equal("DaemonSet", pod.Metadata!.OwnerReferences![0].Kind);
        Assert.Equal("z1", pod.Spec!.Affinity!.NodeAffinity!.RequiredDuringSchedulingIgnoredDuringExecution!.NodeSelectorTerms![0].MatchExpressions![0].Values![0]);
        Assert.Equal("1Gi", pod.Spec.Containers![0].Resources!.Requests!["memory"]);
        Assert.Equal("1", pod.Spec.InitContainers![0].Resources!.Requests!["cpu"]);
        Assert.Equal(100, pod.Spec.Priority);
        Assert.Equal("Unschedulable", pod.Status!.Conditions![0].Reason);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 19, 4, 6, TimeSpan.Zero), pod.Status.Conditions[0].LastTransitionTime);
        Assert.Equal(TimeSpan.Zero, pod.Metadata.CreationTimestamp!.Value.Offset);
    }

    [Fact]
    public void Node_Write_UsesProviderIdSpellingAndOmitsNulls()
    {
        var json = JsonSerializer.Serialize(
            new Node { Spec = new NodeSpec { ProviderId = "r.i-1", Taints = [new Taint { Key = "k", Effect = "NoSchedule" }] } },
            KubernetesJsonContext.Default.Node);

        Assert.Equal("""{"apiVersion":"v1","kind":"Node","spec":{"providerID":"r.i-1","taints":[{"key":"k","effect":"NoSchedule"}]}}""", json);
    }
}
