using static FastScale.Engine.Tests.Policy.PolicyYaml;

namespace FastScale.Engine.Tests.Policy;

/// <summary>Rules on <c>resources</c> and <c>reserved</c>. Line 13 of the minimal policy: <c>    resources: { cpu: "2", memory: 8Gi, pods: "110" }</c> (cpu at column 18, memory 28, pods 41).</summary>
public sealed class ResourceRulesTests
{
    private const string ResourcesLine = "    resources: { cpu: \"2\", memory: 8Gi, pods: \"110\" }";

    [Fact]
    public void Resources_AreKeptAsWritten()
    {
        var result = Load(With("memory: 8Gi", "memory: 8Gi, ephemeralStorage: 40Gi") + "    reserved: { cpu: 100m, memory: 512Mi }\n");

        AssertValid(result);
        var group = result.Policy!.NodeGroups[0];
        Assert.Equal(("2", "8Gi", "110", "40Gi"), (group.Resources.Cpu, group.Resources.Memory, group.Resources.Pods, group.Resources.EphemeralStorage));
        Assert.Equal(("100m", "512Mi"), (group.Reserved.Cpu, group.Reserved.Memory));
    }

    [Fact]
    public void MissingResources_IsReportedAtTheGroup()
    {
        var result = Load(With(ResourcesLine + "\n", ""));

        SingleProblem(result, "test.yaml:4:5: nodeGroups[0].resources", "required: the capacity of one node");
    }

    [Fact]
    public void MissingCpu_IsReportedAtResources()
    {
        var result = Load(With("cpu: \"2\", ", ""));

        SingleProblem(result, "test.yaml:13:5: nodeGroups[0].resources.cpu", "required");
    }

    [Fact]
    public void UnparsableQuantity_IsRejected()
    {
        var result = Load(With("memory: 8Gi", "memory: 8GB"));

        SingleProblem(result, "test.yaml:13:28: nodeGroups[0].resources.memory", "expected a quantity such as 2, 500m or 8Gi, got '8GB'");
    }

    [Fact]
    public void ZeroCpu_IsRejected()
    {
        var result = Load(With("cpu: \"2\"", "cpu: \"0\""));

        SingleProblem(result, "test.yaml:13:18: nodeGroups[0].resources.cpu", "expected a quantity > 0, got 0");
    }

    [Fact]
    public void FractionalPods_IsRejected()
    {
        var result = Load(With("pods: \"110\"", "pods: 1.5"));

        SingleProblem(result, "test.yaml:13:41: nodeGroups[0].resources.pods", "expected a whole number, got 1.5");
    }

    [Fact]
    public void ReservedAtLeastCapacity_IsRejectedSoAllocatableStaysPositive()
    {
        var result = Load(WithGroupLines("reserved: { cpu: 2500m, memory: 512Mi }"));

        SingleProblem(result, "test.yaml:14:17: nodeGroups[0].reserved.cpu", "expected less than resources.cpu (2) so that allocatable stays positive, got 2500m");
    }

    [Fact]
    public void ReservedEqualToCapacity_IsRejected()
    {
        var result = Load(WithGroupLines("reserved:", "  memory: 8192Mi"));

        SingleProblem(result, "test.yaml:15:7: nodeGroups[0].reserved.memory", "expected less than resources.memory (8Gi)");
    }

    [Fact]
    public void ReservingAnUndeclaredResource_IsRejected()
    {
        var result = Load(WithGroupLines("reserved: { ephemeralStorage: 1Gi }"));

        SingleProblem(result, "test.yaml:14:17: nodeGroups[0].reserved.ephemeralStorage", "reserves resources.ephemeralStorage, which is not declared");
    }

    [Fact]
    public void NegativeReserved_IsRejected()
    {
        var result = Load(WithGroupLines("reserved: { cpu: -100m }"));

        SingleProblem(result, "test.yaml:14:17: nodeGroups[0].reserved.cpu", "expected a quantity ≥ 0, got -100m");
    }

    [Fact]
    public void InvalidCapacity_DoesNotAlsoComplainAboutReserved()
    {
        var result = Load(With("cpu: \"2\"", "cpu: two") + "    reserved: { cpu: 100m }\n");

        SingleProblem(result, "test.yaml:13:18: nodeGroups[0].resources.cpu", "got 'two'");
    }

    [Fact]
    public void ExtendedResources_AreRead()
    {
        var result = Load(GpuGroup("nvidia.com/gpu: \"2\"", "example.com/fpga: 1"));

        AssertValid(result);
        var extended = result.Policy!.NodeGroups[0].Resources.Extended;
        Assert.Equal("2", extended["nvidia.com/gpu"]);
        Assert.Equal("1", extended["example.com/fpga"]);
    }

    [Fact]
    public void ExtendedResourceWithoutDomain_IsRejected()
    {
        var result = Load(GpuGroup("nvidia.com/gpu: 1", "gpu: 1"));

        SingleProblem(result, "test.yaml:17:9: nodeGroups[0].resources.extended[\"gpu\"]", "expected a domain-qualified name such as nvidia.com/gpu, got 'gpu'");
    }

    [Fact]
    public void ExtendedResourceInKubernetesDomain_IsRejected()
    {
        var result = Load(GpuGroup("nvidia.com/gpu: 1", "kubernetes.io/widget: 1"));

        SingleProblem(result, "test.yaml:17:9: nodeGroups[0].resources.extended[\"kubernetes.io/widget\"]", "the kubernetes.io domain is reserved");
    }

    [Fact]
    public void FractionalExtendedResource_IsRejected()
    {
        var result = Load(GpuGroup("nvidia.com/gpu: 500m"));

        SingleProblem(result, "test.yaml:16:9: nodeGroups[0].resources.extended[\"nvidia.com/gpu\"]", "expected a whole number, got 500m");
    }

    [Fact]
    public void GpuGroupWithoutTheGpuLabel_IsRejected()
    {
        var yaml = GpuGroup("nvidia.com/gpu: 1").Replace("    labels: { aliyun.accelerator/nvidia_name: NVIDIA-A10 }\n", "", StringComparison.Ordinal);

        SingleProblem(Load(yaml), "test.yaml:13:5: nodeGroups[0].resources", "needs the label aliyun.accelerator/nvidia_name (provider.gpuLabel)");
    }

    /// <summary>The minimal policy with resources in block style from line 13; extended entries from line 16 (column 9).</summary>
    private static string GpuGroup(params string[] extended) =>
        With(ResourcesLine,
            "    resources:\n      cpu: \"8\"\n      extended:\n" + string.Concat(extended.Select(e => $"        {e}\n")) +
            "      memory: 30Gi\n      pods: \"110\"") + "    labels: { aliyun.accelerator/nvidia_name: NVIDIA-A10 }\n";
}
