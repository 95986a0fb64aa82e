using FastScale.Grpc.Protos.K8s.Core;
using Google.Protobuf;
using PolicyQuantity = FastScale.Engine.Policy.Quantity;

namespace FastScale.Grpc.CloudProvider;

/// <summary>A pod's effective cpu and memory requests, computed as the scheduler does: max(sum of containers, largest init container) + overhead.</summary>
internal static class PodRequests
{
    public static (decimal CpuCores, decimal MemoryBytes) Of(ByteString podBytes)
    {
        var pod = Pod.Parser.ParseFrom(podBytes);
        var spec = pod.Spec ?? new PodSpec();
        decimal cpu = 0, memory = 0, initCpu = 0, initMemory = 0;
        foreach (var container in spec.Containers)
        {
            cpu += Request(container, "cpu");
            memory += Request(container, "memory");
        }

        foreach (var container in spec.InitContainers)
        {
            initCpu = Math.Max(initCpu, Request(container, "cpu"));
            initMemory = Math.Max(initMemory, Request(container, "memory"));
        }

        return (Math.Max(cpu, initCpu) + Amount(spec.Overhead, "cpu"), Math.Max(memory, initMemory) + Amount(spec.Overhead, "memory"));
    }

    private static decimal Request(Container container, string resource) =>
        container.Resources is { } resources ? Amount(resources.Requests, resource) : 0;

    private static decimal Amount(IDictionary<string, Protos.K8s.Resource.Quantity> quantities, string resource) =>
        quantities.TryGetValue(resource, out var quantity) && PolicyQuantity.TryParse(quantity.String, out var value) ? value : 0;
}
