using static FastScale.Engine.Tests.Policy.PolicyYaml;

namespace FastScale.Engine.Tests.Policy;

/// <summary>Rules on a group's optional <c>daemonSetOverhead</c>; appended lines start at 14 (the key at column 5).</summary>
public sealed class DaemonSetOverheadRulesTests
{
    [Fact]
    public void DaemonSetOverhead_IsRead()
    {
        var result = Load(WithGroupLines("reserved: { cpu: 100m }", "daemonSetOverhead: { cpu: 150m, memory: 256Mi }"));

        AssertValid(result);
        var overhead = result.Policy!.NodeGroups[0].DaemonSetOverhead;
        Assert.Equal(("150m", "256Mi"), (overhead.Cpu, overhead.Memory));
    }

    [Fact]
    public void DaemonSetOverhead_IsOptionalAndEmptyByDefault()
    {
        var result = Load(Minimal);

        AssertValid(result);
        Assert.Equal("", result.Policy!.NodeGroups[0].DaemonSetOverhead.Cpu);
    }

    [Fact]
    public void OverheadOfAnUndeclaredResource_IsRejected()
    {
        var result = Load(WithGroupLines("daemonSetOverhead: { ephemeralStorage: 1Gi }"));

        SingleProblem(result, "test.yaml:14:26: nodeGroups[0].daemonSetOverhead.ephemeralStorage", "claims resources.ephemeralStorage, which is not declared");
    }

    [Fact]
    public void OverheadAtLeastCapacity_IsRejected()
    {
        var result = Load(WithGroupLines("daemonSetOverhead: { cpu: \"2\" }"));

        SingleProblem(result, "test.yaml:14:26: nodeGroups[0].daemonSetOverhead.cpu", "expected less than resources.cpu (2) so that allocatable stays positive, got 2");
    }

    [Fact]
    public void OverheadPlusReservedAtLeastCapacity_IsRejected()
    {
        var result = Load(WithGroupLines("reserved: { cpu: 500m }", "daemonSetOverhead: { cpu: 1500m }"));

        SingleProblem(result, "test.yaml:15:26: nodeGroups[0].daemonSetOverhead.cpu",
            "expected less than resources.cpu (2) minus reserved.cpu (500m) so that room for pods stays positive, got 1500m");
    }

    [Fact]
    public void NegativeOverhead_IsRejected()
    {
        var result = Load(WithGroupLines("daemonSetOverhead: { memory: -1Mi }"));

        SingleProblem(result, "test.yaml:14:26: nodeGroups[0].daemonSetOverhead.memory", "expected a quantity ≥ 0, got -1Mi");
    }

    [Fact]
    public void UnknownOverheadKey_IsRejected()
    {
        var result = Load(WithGroupLines("daemonSetOverhead: { gpu: 1 }"));

        SingleProblem(result, "test.yaml:14:26: nodeGroups[0].daemonSetOverhead.gpu", "unknown key 'gpu'");
    }
}
