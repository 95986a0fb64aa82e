using FastScale.Simulation.LatencyModel;

namespace FastScale.Simulation.Ecs;

/// <summary>How the ECS emulator behaves. Every default is documented; <see cref="Validate"/> reports all problems at once.</summary>
public sealed class EcsEmulatorOptions
{
    /// <summary>The actions the emulator serves.</summary>
    public static IReadOnlyList<string> Actions { get; } =
        ["RunInstances", "DescribeInstances", "StartInstances", "StopInstances", "DeleteInstances"];

    /// <summary>Where to listen, HOST:PORT; port 0 picks a free port. Default <c>127.0.0.1:0</c> (loopback only).</summary>
    public string Listen { get; set; } = "127.0.0.1:0";

    /// <summary>Default <c>fastscale-emulator</c>.</summary>
    public string AccessKeyId { get; set; } = "fastscale-emulator";

    /// <summary>Default <c>fastscale-emulator-secret</c>.</summary>
    public string AccessKeySecret { get; set; } = "fastscale-emulator-secret";

    /// <summary>The one region this endpoint serves; requests for another get InvalidRegionId.NotFound. Default <c>cn-hangzhou</c>.</summary>
    public string RegionId { get; set; } = "cn-hangzhou";

    /// <summary>The zone of instances whose VSwitch is not in <see cref="VSwitchZones"/> and that name no ZoneId. Default <c>cn-hangzhou-h</c>.</summary>
    public string DefaultZoneId { get; set; } = "cn-hangzhou-h";

    /// <summary>VSwitch id → zone. Default empty.</summary>
    public Dictionary<string, string> VSwitchZones { get; set; } = new(StringComparer.Ordinal);

    /// <summary>VPC reported for every instance. Default <c>vpc-fastscale-emulator</c>.</summary>
    public string VpcId { get; set; } = "vpc-fastscale-emulator";

    /// <summary>
    /// The account's "default economical mode" console setting: a StopInstances without StoppedMode stops a qualifying
    /// instance in StopCharging rather than KeepCharging. Default false, ECS's own default (StopInstance, StoppedMode).
    /// </summary>
    public bool EconomicalModeByDefault { get; set; }

    /// <summary>
    /// Economical mode is not offered to this account's instances (for example a type family or region without it):
    /// a stop asking for StopCharging stops in KeepCharging, as ECS does for any instance that does not qualify.
    /// Pay-as-you-go instances in a VPC qualify otherwise. Default false.
    /// </summary>
    public bool EconomicalModeUnavailable { get; set; }

    /// <summary>
    /// Calls per second per action before ECS-style throttling (blocked until the next minute). An action not listed is
    /// not limited. Defaults: RunInstances 10, DescribeInstances 50, StartInstances 10, StopInstances 10, DeleteInstances 10
    /// (assumptions, not published figures: ECS shows each account's per-API limits only in its Quota Center, per "API
    /// throttling", https://www.alibabacloud.com/help/doc-detail/437902.htm).
    /// </summary>
    public Dictionary<string, int> QpsLimits { get; set; } = new(StringComparer.Ordinal)
    {
        ["RunInstances"] = 10,
        ["DescribeInstances"] = 50,
        ["StartInstances"] = 10,
        ["StopInstances"] = 10,
        ["DeleteInstances"] = 10,
    };

    /// <summary>
    /// A request header that marks traffic of the simulation itself: requests carrying it are not rate limited. The
    /// simulated kubelets poll DescribeInstances to follow the instances, standing in for machines that in the real
    /// world never call ECS; they must not spend the account's budget the scenario is about. Default none.
    /// </summary>
    public string? UnmeteredTrafficHeader { get; set; }

    /// <summary>Instances RunInstances may create per minute. Default 5,000, ECS's per-account cap ("API throttling",
    /// https://www.alibabacloud.com/help/doc-detail/437902.htm).</summary>
    public int InstancesPerMinute { get; set; } = 5000;

    /// <summary>How far a request's timestamp may be from the emulator's clock. Default 15 minutes, as ECS.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Phase durations and faults. Default: the embedded <c>default</c> profile.</summary>
    public LatencyProfile? Profile { get; set; }

    /// <summary>
    /// Boot kind by exact ImageId, added to the profile's own <c>images:</c> at start-up and winning over them, e.g. the
    /// policy's <c>imageKind: prebaked</c> images for <c>serve --embedded</c>. Each kind must be one of the profile's boot
    /// kinds (<c>prebaked</c>, <c>general</c> in the embedded profiles). Default empty.
    /// </summary>
    public Dictionary<string, string> ImageKinds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Instances the account may hold in the region at once; RunInstances beyond it answers <c>QuotaExceed.ElasticQuota</c>
    /// (ECS counts vCPUs; one instance is one unit here). Default null: no quota.
    /// </summary>
    public int? InstanceQuota { get; set; }

    /// <summary>
    /// Free private IPs per vSwitch id at start; each instance takes one from its vSwitch until it is released (a stopped
    /// instance keeps its IP, as on ECS). A RunInstances that finds fewer than it needs answers
    /// <c>InvalidVSwitchId.IpNotEnough</c>, or with MinAmount creates as many as there are IPs. A vSwitch not listed has
    /// IPs without limit. Default empty.
    /// </summary>
    public Dictionary<string, int> VSwitchFreeIps { get; set; } = new(StringComparer.Ordinal);

    /// <summary>STS AssumeRoleWithOIDC and the metadata service's RAM role, both off by default.</summary>
    public Sts.EmulatedStsOptions Sts { get; set; } = new();

    /// <summary>Seed of the emulator's own randomness (latency samples, request ids). Default 1.</summary>
    public int Seed { get; set; } = 1;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(AccessKeyId))
        {
            problems.Add("access key id: expected a non-empty text");
        }

        if (string.IsNullOrWhiteSpace(AccessKeySecret))
        {
            problems.Add("access key secret: expected a non-empty text");
        }

        if (!ListenAddress.TryParse(Listen, out _, out var listenProblem))
        {
            problems.Add($"listen: {listenProblem}");
        }

        foreach (var (action, qps) in QpsLimits)
        {
            if (qps < 1)
            {
                problems.Add($"QPS limit of {action}: expected 1 or more, got {qps}");
            }
        }

        if (InstancesPerMinute < 1)
        {
            problems.Add($"instances per minute: expected 1 or more, got {InstancesPerMinute}");
        }

        foreach (var (vSwitchId, free) in VSwitchFreeIps)
        {
            if (string.IsNullOrWhiteSpace(vSwitchId) || free < 0)
            {
                problems.Add($"free IPs of vSwitch \"{vSwitchId}\": expected a vSwitch id and 0 or more, got {free}");
            }
        }

        if (InstanceQuota < 0)
        {
            problems.Add($"instance quota: expected 0 or more, got {InstanceQuota}");
        }

        foreach (var (imageId, kind) in ImageKinds)
        {
            if (string.IsNullOrWhiteSpace(imageId) || string.IsNullOrWhiteSpace(kind))
            {
                problems.Add($"image kinds: expected an image id and a kind, got \"{imageId}\": \"{kind}\"");
            }
            else if (Profile is not null && !Profile.Boot.ContainsKey(kind))
            {
                problems.Add($"image kind of {imageId}: expected one of the profile's boot kinds ({string.Join(", ", Profile.Boot.Keys)}), got \"{kind}\"");
            }
        }

        if (MaxClockSkew <= TimeSpan.Zero)
        {
            problems.Add("max clock skew: expected a positive duration");
        }

        problems.AddRange(Sts.Validate());

        return problems;
    }
}
