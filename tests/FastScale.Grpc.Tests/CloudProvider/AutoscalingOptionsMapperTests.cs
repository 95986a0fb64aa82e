using FastScale.Engine.Policy;
using FastScale.Grpc.CloudProvider;
using FastScale.Grpc.Protos;
using FastScale.Grpc.Transport;
using WellKnownDuration = Google.Protobuf.WellKnownTypes.Duration;
using K8sDuration = FastScale.Grpc.Protos.K8s.Meta.Duration;

#pragma warning disable CS0612 // the deprecated fields are what these tests are about

namespace FastScale.Grpc.Tests.CloudProvider;

public sealed class AutoscalingOptionsMapperTests
{
    private static long Ns(TimeSpan t) => t.Ticks * 100;

    [Fact]
    public void OldAutoscaler_SendingOnlyDeprecatedFields_GetsBothGenerationsBack()
    {
        var defaults = new NodeGroupAutoscalingOptions
        {
            ScaleDownUtilizationThreshold = 0.6,
            ScaleDownUnneededTime = new K8sDuration { Duration_ = Ns(TimeSpan.FromMinutes(11)) },
            ScaleDownUnreadyTime = new K8sDuration { Duration_ = Ns(TimeSpan.FromMinutes(21)) },
            MaxNodeProvisionTime = new K8sDuration { Duration_ = Ns(TimeSpan.FromMinutes(16)) },
        };

        var answer = AutoscalingOptionsMapper.Merge(new AutoscalingOptionsPolicy(), defaults);

        Assert.Equal(0.6, answer.ScaleDownUtilizationThreshold);
        Assert.Equal(Ns(TimeSpan.FromMinutes(11)), answer.ScaleDownUnneededTime.Duration_);
        Assert.Equal(TimeSpan.FromMinutes(11), answer.ScaleDownUnneededDuration.ToTimeSpan());
        Assert.Equal(Ns(TimeSpan.FromMinutes(21)), answer.ScaleDownUnreadyTime.Duration_);
        Assert.Equal(TimeSpan.FromMinutes(21), answer.ScaleDownUnreadyDuration.ToTimeSpan());
        Assert.Equal(Ns(TimeSpan.FromMinutes(16)), answer.MaxNodeProvisionTime.Duration_);
        Assert.Equal(TimeSpan.FromMinutes(16), answer.MaxNodeProvisionDuration.ToTimeSpan());
        Assert.NotNull(answer.MaxNodeStartupDuration);
    }

    [Fact]
    public void NewAutoscaler_SendingOnlyNewFields_GetsBothGenerationsBack()
    {
        var defaults = new NodeGroupAutoscalingOptions
        {
            ScaleDownUnneededDuration = WellKnownDuration.FromTimeSpan(TimeSpan.FromMinutes(12)),
            MaxNodeProvisionDuration = WellKnownDuration.FromTimeSpan(TimeSpan.FromMinutes(17)),
        };

        var answer = AutoscalingOptionsMapper.Merge(new AutoscalingOptionsPolicy(), defaults);

        Assert.Equal(Ns(TimeSpan.FromMinutes(12)), answer.ScaleDownUnneededTime.Duration_);
        Assert.Equal(Ns(TimeSpan.FromMinutes(17)), answer.MaxNodeProvisionTime.Duration_);
        Assert.Equal(TimeSpan.FromMinutes(17), answer.MaxNodeProvisionDuration.ToTimeSpan());
        // Not sent at all: the autoscaler's own default, in both generations.
        Assert.Equal(Ns(TimeSpan.FromMinutes(20)), answer.ScaleDownUnreadyTime.Duration_);
        Assert.Equal(TimeSpan.FromMinutes(20), answer.ScaleDownUnreadyDuration.ToTimeSpan());
    }

    [Fact]
    public void PolicyValues_WinOverTheCallersDefaults()
    {
        var policy = new AutoscalingOptionsPolicy { ScaleDownUnneededTime = TimeSpan.FromMinutes(3), ScaleDownUtilizationThreshold = 0.3, ZeroOrMaxNodeScaling = true };
        var defaults = new NodeGroupAutoscalingOptions
        {
            ScaleDownUtilizationThreshold = 0.6,
            ScaleDownUnneededDuration = WellKnownDuration.FromTimeSpan(TimeSpan.FromMinutes(12)),
            ScaleDownUnneededTime = new K8sDuration { Duration_ = Ns(TimeSpan.FromMinutes(12)) },
        };

        var answer = AutoscalingOptionsMapper.Merge(policy, defaults);

        Assert.Equal(0.3, answer.ScaleDownUtilizationThreshold);
        Assert.True(answer.ZeroOrMaxNodeScaling);
        Assert.Equal(Ns(TimeSpan.FromMinutes(3)), answer.ScaleDownUnneededTime.Duration_);
        Assert.Equal(TimeSpan.FromMinutes(3), answer.ScaleDownUnneededDuration.ToTimeSpan());
    }

    [Fact]
    public void NoDefaultsAtAll_StillSetsEveryField()
    {
        var answer = AutoscalingOptionsMapper.Merge(new AutoscalingOptionsPolicy(), null);

        Assert.Equal(0.5, answer.ScaleDownUtilizationThreshold);
        Assert.Equal(0.5, answer.ScaleDownGpuUtilizationThreshold);
        foreach (var duration in new[] { answer.ScaleDownUnneededTime, answer.ScaleDownUnreadyTime, answer.MaxNodeProvisionTime })
        {
            Assert.True(duration.HasDuration_ && duration.Duration_ > 0);
        }

        foreach (var duration in new[] { answer.ScaleDownUnneededDuration, answer.ScaleDownUnreadyDuration, answer.MaxNodeProvisionDuration, answer.MaxNodeStartupDuration })
        {
            Assert.True(duration.ToTimeSpan() > TimeSpan.Zero);
        }
    }

    [Fact]
    public void DurationBeyondWhatNanosecondsHold_SaturatesTheDeprecatedFieldInsteadOfWrapping()
    {
        var defaults = new NodeGroupAutoscalingOptions
        {
            ScaleDownUnreadyDuration = new WellKnownDuration { Seconds = 31_536_000_000 }, // 1,000 years
        };

        var answer = AutoscalingOptionsMapper.Merge(new AutoscalingOptionsPolicy(), defaults);

        Assert.Equal(long.MaxValue, answer.ScaleDownUnreadyTime.Duration_);
        Assert.Equal(31_536_000_000, answer.ScaleDownUnreadyDuration.Seconds);
    }

    [Fact]
    public void DurationWithDisagreeingSigns_IsInvalidArgumentNamingTheField()
    {
        var defaults = new NodeGroupAutoscalingOptions
        {
            ScaleDownUnreadyDuration = new WellKnownDuration { Seconds = 5, Nanos = -3 },
        };

        var error = Assert.Throws<GrpcStatusException>(() => AutoscalingOptionsMapper.Merge(new AutoscalingOptionsPolicy(), defaults));

        Assert.Equal(GrpcStatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("scaleDownUnreadyDuration", error.Message);
    }
}
