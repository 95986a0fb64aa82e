using static FastScale.Engine.Tests.Policy.PolicyYaml;

namespace FastScale.Engine.Tests.Policy;

/// <summary>Rules on a group's <c>warmPool</c>, <c>repair</c>, <c>prices</c> and <c>autoscalingOptions</c> (appended from line 14; maxSize is 10).</summary>
public sealed class GroupOptionsRulesTests
{
    [Fact]
    public void Options_AreRead()
    {
        var result = Load(WithGroupLines(
            "warmPool: { size: 4 }",
            "repair: { enabled: false, registrationTimeout: 90s, notReadyTimeout: 1h30m, maxUnhealthyPercent: 35 }",
            "prices: { nodePerHour: 0.62, stoppedPerHour: 0.03 }",
            "autoscalingOptions:",
            "  scaleDownUtilizationThreshold: 0.6",
            "  scaleDownGpuUtilizationThreshold: 0",
            "  scaleDownUnneededTime: 5m",
            "  scaleDownUnreadyTime: 20m",
            "  maxNodeProvisionTime: 2m30s",
            "  maxNodeStartupTime: 15m",
            "  zeroOrMaxNodeScaling: true",
            "  ignoreDaemonSetsUtilization: false",
            "  allowNonAtomicScaleUpToMax: true"));

        AssertValid(result);
        var group = result.Policy!.NodeGroups[0];
        Assert.Equal(4, group.WarmPool.Size);
        Assert.False(group.Repair.Enabled);
        Assert.Equal(TimeSpan.FromSeconds(90), group.Repair.RegistrationTimeout);
        Assert.Equal(TimeSpan.FromMinutes(90), group.Repair.NotReadyTimeout);
        Assert.Equal(35, group.Repair.MaxUnhealthyPercent);
        Assert.Equal((0.62, 0.03), (group.Prices!.NodePerHour, group.Prices.StoppedPerHour));
        var options = group.AutoscalingOptions;
        Assert.Equal(0.6, options.ScaleDownUtilizationThreshold);
        Assert.Equal(0, options.ScaleDownGpuUtilizationThreshold);
        Assert.Equal(TimeSpan.FromMinutes(5), options.ScaleDownUnneededTime);
        Assert.Equal(TimeSpan.FromMinutes(20), options.ScaleDownUnreadyTime);
        Assert.Equal(TimeSpan.FromSeconds(150), options.MaxNodeProvisionTime);
        Assert.Equal(TimeSpan.FromMinutes(15), options.MaxNodeStartupTime);
        Assert.Equal((true, false, true), (options.ZeroOrMaxNodeScaling, options.IgnoreDaemonSetsUtilization, options.AllowNonAtomicScaleUpToMax));
    }

    [Theory]
    [InlineData("11")]
    [InlineData("-1")]
    public void WarmPoolOutsideZeroToMaxSize_IsRejected(string size)
    {
        var result = Load(WithGroupLines($"warmPool: {{ size: {size} }}"));

        SingleProblem(result, "test.yaml:14:17: nodeGroups[0].warmPool.size", $"expected an integer between 0 and maxSize (10), got {size}");
    }

    [Fact]
    public void WarmPoolJoinBeforePark_DefaultsOn_AndIsRead()
    {
        Assert.True(Load(WithGroupLines("warmPool: { size: 2 }")).Policy!.NodeGroups[0].WarmPool.JoinBeforePark);
        Assert.False(Load(WithGroupLines("warmPool: { size: 2, joinBeforePark: false }")).Policy!.NodeGroups[0].WarmPool.JoinBeforePark);
        SingleProblem(Load(WithGroupLines("warmPool: { joinBeforePark: 1 }")), "test.yaml:14:17: nodeGroups[0].warmPool.joinBeforePark",
            "expected true or false, got '1'");
    }

    [Fact]
    public void UnparsableDuration_IsRejected()
    {
        var result = Load(WithGroupLines("repair:", "  registrationTimeout: ten minutes"));

        SingleProblem(result, "test.yaml:15:7: nodeGroups[0].repair.registrationTimeout", "expected a duration such as 30s, 10m or 1h30m, got 'ten minutes'");
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("0")]
    [InlineData("-5m")]
    public void NonPositiveDuration_IsRejected(string duration)
    {
        var result = Load(WithGroupLines("repair:", $"  notReadyTimeout: {duration}"));

        SingleProblem(result, "test.yaml:15:7: nodeGroups[0].repair.notReadyTimeout", $"expected a duration > 0, got '{duration}'");
    }

    [Fact]
    public void DurationWithoutUnit_IsRejected()
    {
        var result = Load(WithGroupLines("autoscalingOptions: { scaleDownUnneededTime: 600 }"));

        SingleProblem(result, "test.yaml:14:27: nodeGroups[0].autoscalingOptions.scaleDownUnneededTime", "got '600'");
    }

    [Theory]
    [InlineData("101")]
    [InlineData("-1")]
    public void MaxUnhealthyPercentOutsideZeroToHundred_IsRejected(string percent)
    {
        var result = Load(WithGroupLines("repair:", $"  maxUnhealthyPercent: {percent}"));

        SingleProblem(result, "test.yaml:15:7: nodeGroups[0].repair.maxUnhealthyPercent", $"expected an integer between 0 and 100, got {percent}");
    }

    [Fact]
    public void NegativePrice_IsRejected()
    {
        var result = Load(WithGroupLines("prices: { nodePerHour: 0.62, stoppedPerHour: -0.01 }"));

        SingleProblem(result, "test.yaml:14:34: nodeGroups[0].prices.stoppedPerHour", "expected a price ≥ 0, got -0.01");
    }

    [Fact]
    public void PricesWithoutNodePrice_IsRejected()
    {
        var result = Load(WithGroupLines("prices:", "  stoppedPerHour: 0.03"));

        SingleProblem(result, "test.yaml:14:5: nodeGroups[0].prices.nodePerHour", "required");
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    public void ThresholdOutsideZeroToOne_IsRejected(string threshold)
    {
        var result = Load(WithGroupLines("autoscalingOptions:", $"  scaleDownUtilizationThreshold: {threshold}"));

        SingleProblem(result, "test.yaml:15:7: nodeGroups[0].autoscalingOptions.scaleDownUtilizationThreshold", $"expected a fraction between 0 and 1, got {threshold}");
    }

    [Fact]
    public void ThresholdThatIsNotANumber_IsRejected()
    {
        var result = Load(WithGroupLines("autoscalingOptions:", "  scaleDownGpuUtilizationThreshold: half"));

        SingleProblem(result, "test.yaml:15:7: nodeGroups[0].autoscalingOptions.scaleDownGpuUtilizationThreshold", "expected a number, got 'half'");
    }

    [Fact]
    public void UnknownAutoscalingOption_IsRejected()
    {
        var result = Load(WithGroupLines("autoscalingOptions:", "  scaleDownDelayAfterAdd: 10m"));

        var problem = SingleProblem(result, "test.yaml:15:7: nodeGroups[0].autoscalingOptions.scaleDownDelayAfterAdd", "unknown key 'scaleDownDelayAfterAdd'");
        Assert.Contains("allowed keys: scaleDownUtilizationThreshold,", problem.Message);
    }

    [Fact]
    public void EmptySection_KeepsDefaults()
    {
        var result = Load(WithGroupLines("repair:", "warmPool: ~"));

        AssertValid(result);
        Assert.True(result.Policy!.NodeGroups[0].Repair.Enabled);
    }
}
