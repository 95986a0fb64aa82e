using Google.Protobuf.WellKnownTypes;

using FastScale.Grpc.Protos;
using MetaDuration = FastScale.Grpc.Protos.K8s.Meta.Duration;

namespace FastScale.Grpc.Tests.Interop.GrpcNet;

/// <summary>
/// NodeGroupGetOptions: the policy's values win over the caller's defaults, and every duration is answered in both
/// generations of fields (the deprecated nanosecond k8s Duration and google.protobuf.Duration), as client.mjs checks.
/// </summary>
internal sealed class OptionsChecks(ProviderCalls calls)
{
    private const long NanosPerSecond = 1_000_000_000;

    /// <summary>'gpu' sets scaleDownUnneededTime 5m and maxNodeProvisionTime 20m; scaleDownUnready comes from the caller.</summary>
    public async Task FromDeprecatedDefaultsAsync()
    {
        var defaults = WithDeprecated(
            new NodeGroupAutoscalingOptions { ScaleDownUtilizationThreshold = 0.42, ScaleDownGpuUtilizationThreshold = 0.77 }, unneeded: 11, unready: 17, provision: 13);
        var answer = await OptionsAsync("gpu", defaults);
        Assert.Equal(0.42, answer.ScaleDownUtilizationThreshold);
        Assert.Equal(0.3, answer.ScaleDownGpuUtilizationThreshold);
        AssertDurations(answer, unneeded: 5, unready: 17, provision: 20, startup: 15);
    }

    /// <summary>'general' writes every option out, so no default the caller sends may leak through.</summary>
    public async Task PolicyWinsAsync()
    {
        var defaults = WithDeprecated(
            new NodeGroupAutoscalingOptions
            {
                ScaleDownUtilizationThreshold = 0.9,
                ScaleDownGpuUtilizationThreshold = 0.9,
                ZeroOrMaxNodeScaling = true,
                MaxNodeStartupDuration = Current(4),
            },
            unneeded: 1, unready: 2, provision: 3);
        var answer = await OptionsAsync("general", defaults);
        Assert.Equal(0.5, answer.ScaleDownUtilizationThreshold);
        Assert.Equal(0.5, answer.ScaleDownGpuUtilizationThreshold);
        Assert.False(answer.ZeroOrMaxNodeScaling);
        AssertDurations(answer, unneeded: 10, unready: 20, provision: 15, startup: 15);
    }

    public async Task FromNewDefaultsAsync()
    {
        var answer = await OptionsAsync("gpu", new NodeGroupAutoscalingOptions
        {
            ScaleDownUnneededDuration = Current(11),
            ScaleDownUnreadyDuration = Current(19),
            MaxNodeProvisionDuration = Current(13),
            MaxNodeStartupDuration = Current(7),
        });
        AssertDurations(answer, unneeded: 5, unready: 19, provision: 20, startup: 7);
    }

    public async Task WithoutDefaultsAsync()
    {
        var answer = await OptionsAsync("gpu", defaults: null);
        AssertDurations(answer, unneeded: 5, unready: 20, provision: 20, startup: 15);
        Assert.Equal(0.5, answer.ScaleDownUtilizationThreshold);
    }

    private async Task<NodeGroupAutoscalingOptions> OptionsAsync(string id, NodeGroupAutoscalingOptions? defaults)
    {
        var answer = await calls.Client.NodeGroupGetOptionsAsync(new NodeGroupAutoscalingOptionsRequest { Id = id, Defaults = defaults }, calls.Options());
        return answer.NodeGroupAutoscalingOptions ?? throw new InvalidOperationException("no nodeGroupAutoscalingOptions in the answer");
    }

    private static void AssertDurations(NodeGroupAutoscalingOptions options, int unneeded, int unready, int provision, int startup)
    {
#pragma warning disable CS0612 // both generations must be answered: old autoscalers read only the deprecated ones
        (string Name, MetaDuration? Old, Duration? New, int Minutes)[] pairs =
        [
            ("scaleDownUnneeded", options.ScaleDownUnneededTime, options.ScaleDownUnneededDuration, unneeded),
            ("scaleDownUnready", options.ScaleDownUnreadyTime, options.ScaleDownUnreadyDuration, unready),
            ("MaxNodeProvision", options.MaxNodeProvisionTime, options.MaxNodeProvisionDuration, provision),
        ];
#pragma warning restore CS0612
        foreach (var (name, old, current, minutes) in pairs)
        {
            Assert.True(old is not null, $"{name}Time (deprecated nanoseconds) is not set");
            Assert.Equal(Deprecated(minutes), old);
            Assert.Equal(Current(minutes), current);
        }

        Assert.Equal(Current(startup), options.MaxNodeStartupDuration);
    }

    /// <summary>The deprecated nanosecond fields set, as an autoscaler before 1.30 sends its defaults.</summary>
    private static NodeGroupAutoscalingOptions WithDeprecated(NodeGroupAutoscalingOptions defaults, int unneeded, int unready, int provision)
    {
#pragma warning disable CS0612
        defaults.ScaleDownUnneededTime = Deprecated(unneeded);
        defaults.ScaleDownUnreadyTime = Deprecated(unready);
        defaults.MaxNodeProvisionTime = Deprecated(provision);
#pragma warning restore CS0612
        return defaults;
    }

    private static MetaDuration Deprecated(int minutes) => new() { Duration_ = minutes * 60 * NanosPerSecond };

    private static Duration Current(int minutes) => new() { Seconds = minutes * 60 };
}
