using FastScale.Simulation.Ecs.FlowControl;
using FastScale.Simulation.Ecs.Instances;
using FastScale.Simulation.LatencyModel;
using FastScale.Simulation.Machines;

namespace FastScale.Simulation.Ecs.Actions;

/// <summary>What every action works on: the store and the region's rules. Only used under the store's lock.</summary>
internal sealed class ActionContext(
    EcsEmulatorOptions options,
    LatencyProfile profile,
    StockLedger stock,
    StockLedger freeIps,
    EcsFaultInjection faults,
    EcsEmulatorCounters counters)
{
    private const string Base36 = "0123456789abcdefghijklmnopqrstuvwxyz";

    public InstanceStore Store { get; } = new();

    public EcsEmulatorOptions Options => options;

    public LatencyProfile Profile => profile;

    /// <summary>Latency samples; seeded so a run with the same calls and clock is reproducible.</summary>
    public Random Random { get; } = new(options.Seed);

    public ProvisioningQueue Queue { get; } = new(profile.ProvisioningPerSecond);

    public StockLedger Stock => stock;

    /// <summary>Free private IPs per vSwitch id.</summary>
    public StockLedger FreeIps => freeIps;

    public CreationCap Cap { get; } = new(options.InstancesPerMinute);

    public EcsFaultInjection Faults => faults;

    public EcsEmulatorCounters Counters => counters;

    public IdempotencyCache Idempotency { get; } = new();

    /// <summary>The instance types RunInstances offers, with the vCPUs and memory DescribeInstances reports.</summary>
    public InstanceTypeCatalog InstanceTypes => InstanceTypeCatalog.Embedded;

    /// <summary>
    /// Samples every phase of one launch at once, so the emulator, the kubelet simulation and a load test's floor all
    /// read the same durations. A create takes a slot in the regional provisioning queue; a start of a Stopped instance
    /// does not by default: its disk, network interface and image copy already exist, so the allocation work that paces
    /// creates is done (the profile's <c>startProvisioning</c> is the whole of its wait). A profile with
    /// <c>startsWaitInCreateQueue: true</c> queues starts like creates.
    /// </summary>
    public InstanceLatency SampleLaunch(LaunchKind kind, string imageId, DateTimeOffset now)
    {
        var start = kind == LaunchKind.Create || Profile.StartsWaitInCreateQueue ? Queue.Admit(now) : now;
        var provisioning = (kind == LaunchKind.Create ? profile.ColdProvisioning : profile.StartProvisioning).Sample(Random);
        var node = profile.SampleNodeLifecycle(imageId, Random);
        return new InstanceLatency(
            kind, profile.ImageKindOf(imageId), now, start - now, provisioning, node.Boot, node.Registration, node.Readiness);
    }

    /// <summary>ECS-looking ids (<c>i-</c> and 20 lower-case characters), unique by sequence, stable for a seed.</summary>
    public string NewInstanceId(long sequence)
    {
        var hash = StableHash.Mix(((ulong)(uint)options.Seed << 40) ^ (ulong)sequence);
        return $"i-fs{ToBase36(hash, 12)}{ToBase36((ulong)sequence, 6)}";
    }

    /// <summary>10.x.y.z, unique for the first 16 million instances.</summary>
    public static string PrivateIp(long sequence) => $"10.{(sequence >> 16) & 0xFF}.{(sequence >> 8) & 0xFF}.{sequence & 0xFF}";

    private static string ToBase36(ulong value, int width)
    {
        var chars = new char[width];
        for (var i = width - 1; i >= 0; i--)
        {
            chars[i] = Base36[(int)(value % 36)];
            value /= 36;
        }

        return new string(chars);
    }
}
