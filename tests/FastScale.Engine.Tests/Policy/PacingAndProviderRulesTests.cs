using FastScale.Engine.Cloud;
using static FastScale.Engine.Tests.Policy.PolicyYaml;

namespace FastScale.Engine.Tests.Policy;

/// <summary>Rules on <c>pacing</c> and <c>provider</c>; these tests put the section first, so the minimal policy follows.</summary>
public sealed class PacingAndProviderRulesTests
{
    [Fact]
    public void Pacing_IsRead_AndMissingActionsGetDefaults()
    {
        var result = Load("pacing:\n  RunInstances: { qps: 2.5, burst: 5 }\n  DeleteInstances: { qps: 50 }\n" + Minimal);

        AssertValid(result);
        var pacing = result.Policy!.Pacing;
        Assert.Equal((2.5, 5), (pacing[CloudAction.RunInstances].Qps, pacing[CloudAction.RunInstances].Burst));
        Assert.Equal((50.0, 10), (pacing[CloudAction.DeleteInstances].Qps, pacing[CloudAction.DeleteInstances].Burst));
        Assert.Equal((20.0, 20), (pacing[CloudAction.DescribeInstances].Qps, pacing[CloudAction.DescribeInstances].Burst));
        Assert.Equal(5, pacing.Count);
    }

    [Fact]
    public void UnknownPacingAction_IsRejectedWithTheAllowedActions()
    {
        var result = Load("pacing:\n  RunInstance: { qps: 5, burst: 5 }\n" + Minimal);

        SingleProblem(result, "test.yaml:2:3: pacing.RunInstance",
            "unknown ECS action 'RunInstance'; allowed actions: RunInstances, StartInstances, StopInstances, DescribeInstances, DeleteInstances");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void NonPositiveQps_IsRejected(string qps)
    {
        var result = Load($"pacing:\n  RunInstances: {{ qps: {qps}, burst: 5 }}\n" + Minimal);

        SingleProblem(result, "test.yaml:2:19: pacing.RunInstances.qps", $"expected a number of calls per second > 0, got {qps}");
    }

    [Fact]
    public void ZeroBurst_IsRejected()
    {
        var result = Load("pacing:\n  RunInstances: { qps: 5, burst: 0 }\n" + Minimal);

        SingleProblem(result, "test.yaml:2:27: pacing.RunInstances.burst", "expected an integer ≥ 1 (calls allowed at once), got 0");
    }

    [Fact]
    public void FractionalBurst_IsRejected()
    {
        var result = Load("pacing:\n  RunInstances: { qps: 5, burst: 2.5 }\n" + Minimal);

        SingleProblem(result, "test.yaml:2:27: pacing.RunInstances.burst", "expected an integer, got '2.5'");
    }

    [Fact]
    public void UnknownPacingField_IsRejected()
    {
        var result = Load("pacing:\n  RunInstances: { qps: 5, rate: 5 }\n" + Minimal);

        SingleProblem(result, "test.yaml:2:27: pacing.RunInstances.rate", "unknown key 'rate'; allowed keys: qps, burst");
    }

    [Fact]
    public void Provider_IsRead()
    {
        var result = Load("provider: { fastMode: false, gpuLabel: example.com/gpu, gpuTypes: [NVIDIA-A10, NVIDIA-L20] }\n" + Minimal);

        AssertValid(result);
        var provider = result.Policy!.Provider;
        Assert.False(provider.FastMode);
        Assert.Equal("example.com/gpu", provider.GpuLabel);
        Assert.Equal(["NVIDIA-A10", "NVIDIA-L20"], provider.GpuTypes);
    }

    [Fact]
    public void YamlOneOneBoolean_IsRejected()
    {
        var result = Load("provider: { fastMode: yes }\n" + Minimal);

        SingleProblem(result, "test.yaml:1:13: provider.fastMode", "expected true or false, got 'yes'");
    }

    [Fact]
    public void InvalidGpuLabel_IsRejected()
    {
        var result = Load("provider:\n  gpuLabel: \"gpu type\"\n" + Minimal);

        SingleProblem(result, "test.yaml:2:3: provider.gpuLabel", "got 'gpu type'");
    }

    [Fact]
    public void DuplicateGpuType_IsRejected()
    {
        var result = Load("provider:\n  gpuTypes:\n    - NVIDIA-A10\n    - NVIDIA-A10\n" + Minimal);

        SingleProblem(result, "test.yaml:4:7: provider.gpuTypes[1]", "duplicate GPU type 'NVIDIA-A10'");
    }

    [Fact]
    public void MalformedRegion_IsRejected()
    {
        var result = Load(With("region: cn-hangzhou", "region: \"cn hangzhou\""));

        HasProblem(result, "test.yaml:2:1: region", "expected an ECS region id such as cn-hangzhou");
    }

    [Fact]
    public void AutoscalerUnreadyTolerance_DefaultsToTheAutoscalersDefaults_AndIsRead()
    {
        var defaults = Load(Minimal).Policy!.Provider.AutoscalerUnreadyTolerance;
        var set = Load("provider:\n  autoscalerUnreadyTolerance: { okTotalUnreadyCount: 50, maxTotalUnreadyPercentage: 60 }\n" + Minimal)
            .Policy!.Provider.AutoscalerUnreadyTolerance;

        Assert.Equal((3, 45.0), (defaults.OkTotalUnreadyCount, defaults.MaxTotalUnreadyPercentage));
        Assert.Equal((50, 60.0), (set.OkTotalUnreadyCount, set.MaxTotalUnreadyPercentage));
        Assert.Equal(3, defaults.For(0));
        Assert.Equal(45, defaults.For(100));
        Assert.Equal(60, set.For(100));
    }

    [Fact]
    public void AutoscalerUnreadyTolerance_OutOfRange_IsRejected()
    {
        var result = Load("provider:\n  autoscalerUnreadyTolerance: { okTotalUnreadyCount: -1, maxTotalUnreadyPercentage: 120 }\n" + Minimal);

        Assert.Contains(result.Problems, p => p.ToString().Contains("provider.autoscalerUnreadyTolerance.okTotalUnreadyCount", StringComparison.Ordinal)
            && p.ToString().Contains("--ok-total-unready-count", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.ToString().Contains("provider.autoscalerUnreadyTolerance.maxTotalUnreadyPercentage", StringComparison.Ordinal)
            && p.ToString().Contains("between 0 and 100", StringComparison.Ordinal));
        Assert.Equal(2, result.Problems.Count);
    }
}
