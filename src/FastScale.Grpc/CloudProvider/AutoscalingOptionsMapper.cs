using FastScale.Engine.Policy;
using FastScale.Grpc.Protos;
using FastScale.Grpc.Transport;
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
        var unneeded = policy.ScaleDownUnneededTime ?? Read(defaults?.ScaleDownUnneededDuration, defaults?.ScaleDownUnneededTime, "scaleDownUnneededDuration") ?? DefaultUnneeded;
        var unready = policy.ScaleDownUnreadyTime ?? Read(defaults?.ScaleDownUnreadyDuration, defaults?.ScaleDownUnreadyTime, "scaleDownUnreadyDuration") ?? DefaultUnready;
        var maxProvision = policy.MaxNodeProvisionTime ?? Read(defaults?.MaxNodeProvisionDuration, defaults?.MaxNodeProvisionTime, "MaxNodeProvisionDuration") ?? DefaultMaxProvision;
        var maxStartup = policy.MaxNodeStartupTime ?? Read(defaults?.MaxNodeStartupDuration, null, "maxNodeStartupDuration") ?? DefaultMaxStartup;

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
    private static TimeSpan? Read(WellKnownDuration? current, K8sDuration? deprecated, string field)
    {
        if (current is not null)
        {
            // seconds and nanos must agree in sign and nanos stay within ±999,999,999; anything else is the caller's bug.
            if (!IsValid(current))
            {
                throw new GrpcStatusException(GrpcStatusCode.InvalidArgument,
                    $"defaults.{field} is not a valid google.protobuf.Duration (seconds {current.Seconds}, nanos {current.Nanos})");
            }

            return current.ToTimeSpan();
        }

        return deprecated is { HasDuration_: true } ? TimeSpan.FromTicks(deprecated.Duration_ / 100) : null;
    }

    private static bool IsValid(WellKnownDuration duration) =>
        duration.Seconds is >= WellKnownDuration.MinSeconds and <= WellKnownDuration.MaxSeconds &&
        duration.Nanos is > -WellKnownDuration.NanosecondsPerSecond and < WellKnownDuration.NanosecondsPerSecond &&
        (duration.Seconds == 0 || duration.Nanos == 0 || (duration.Seconds > 0) == (duration.Nanos > 0));

    private static double? NonZero(double? value) => value is > 0 ? value : null;

    // int64 nanoseconds end at about 292 years: saturate rather than wrap into a negative duration.
    private static K8sDuration Nanoseconds(TimeSpan value) =>
        new() { Duration_ = value.Ticks > long.MaxValue / 100 ? long.MaxValue : value.Ticks * 100 };
}
