using FastScale.Engine.Policy;
using FastScale.Grpc.Protos;
using WellKnownDuration = Google.Protobuf.WellKnownTypes.Duration;
using K8sDuration = FastScale.Grpc.Protos.K8s.Meta.Duration;

namespace FastScale.Grpc.CloudProvider;

/// <summary>
/// Merges a group's options from the policy over the autoscaler's defaults and answers in both generations of
/// duration fields: older autoscalers send and read only the deprecated nanosecond fields 3-5, newer ones 8-10.
/// Every field is set in the answer, because older autoscalers read fields 3 and 4 without checking for presence.
/// </summary>
internal static class AutoscalingOptionsMapper
{
    // The autoscaler's own flag defaults, used when neither the policy nor the caller says anything.
    private static readonly TimeSpan DefaultUnneeded = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan DefaultUnready = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan DefaultMaxProvision = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan DefaultMaxStartup = TimeSpan.FromMinutes(15);
    private const double DefaultThreshold = 0.5;

    public static NodeGroupAutoscalingOptions Merge(AutoscalingOptionsPolicy policy, NodeGroupAutoscalingOptions? defaults)
    {
#pragma warning disable CS0612 // the deprecated fields are part of the contract: both generations are read and written
        var unneeded = policy.ScaleDownUnneededTime ?? Read(defaults?.ScaleDownUnneededDuration, defaults?.ScaleDownUnneededTime) ?? DefaultUnneeded;
        var unready = policy.ScaleDownUnreadyTime ?? Read(defaults?.ScaleDownUnreadyDuration, defaults?.ScaleDownUnreadyTime) ?? DefaultUnready;
        var maxProvision = policy.MaxNodeProvisionTime ?? Read(defaults?.MaxNodeProvisionDuration, defaults?.MaxNodeProvisionTime) ?? DefaultMaxProvision;
        var maxStartup = policy.MaxNodeStartupTime ?? Read(defaults?.MaxNodeStartupDuration, null) ?? DefaultMaxStartup;

        return new NodeGroupAutoscalingOptions
        {
            ScaleDownUtilizationThreshold = policy.ScaleDownUtilizationThreshold ?? NonZero(defaults?.ScaleDownUtilizationThreshold) ?? DefaultThreshold,
            ScaleDownGpuUtilizationThreshold = policy.ScaleDownGpuUtilizationThreshold ?? NonZero(defaults?.ScaleDownGpuUtilizationThreshold) ?? DefaultThreshold,
            ZeroOrMaxNodeScaling = policy.ZeroOrMaxNodeScaling ?? defaults?.ZeroOrMaxNodeScaling ?? false,
            IgnoreDaemonSetsUtilization = policy.IgnoreDaemonSetsUtilization ?? defaults?.IgnoreDaemonSetsUtilization ?? false,
            AllowNonAtomicScaleUpToMax = policy.AllowNonAtomicScaleUpToMax ?? defaults?.AllowNonAtomicScaleUpToMax ?? false,
            ScaleDownUnneededTime = Nanoseconds(unneeded),
            ScaleDownUnreadyTime = Nanoseconds(unready),
            MaxNodeProvisionTime = Nanoseconds(maxProvision),
            ScaleDownUnneededDuration = WellKnownDuration.FromTimeSpan(unneeded),
            ScaleDownUnreadyDuration = WellKnownDuration.FromTimeSpan(unready),
            MaxNodeProvisionDuration = WellKnownDuration.FromTimeSpan(maxProvision),
            MaxNodeStartupDuration = WellKnownDuration.FromTimeSpan(maxStartup),
        };
#pragma warning restore CS0612
    }

    /// <summary>The new field when the caller set it, else the deprecated one, else nothing.</summary>
    private static TimeSpan? Read(WellKnownDuration? current, K8sDuration? deprecated)
    {
        if (current is not null)
        {
            return current.ToTimeSpan();
        }

        return deprecated is { HasDuration_: true } ? TimeSpan.FromTicks(deprecated.Duration_ / 100) : null;
    }

    private static double? NonZero(double? value) => value is > 0 ? value : null;

    private static K8sDuration Nanoseconds(TimeSpan value) => new() { Duration_ = value.Ticks * 100 };
}
