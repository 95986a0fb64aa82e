using FastScale.Simulation.LatencyModel;

namespace FastScale.Simulation.Nodes;

/// <summary>
/// Draws an instance's boot, registration and readiness delays from the profile with a <see cref="Random"/> seeded by
/// the seed and the instance id, so a replay gives every instance the same delays whatever order instances appear in.
/// The boot kind is the group's declared image kind when the profile models it, else the profile's image rules.
/// </summary>
internal static class LifecycleSampler
{
    public static Random RandomFor(int seed, string instanceId) =>
        new((int)(StableHash.Unit(seed, "kubelet", instanceId) * int.MaxValue));

    public static NodeLifecycleSample Sample(LatencyProfile profile, string? imageKind, string? imageId, Random random)
    {
        // Same draw order as LatencyProfile.SampleNodeLifecycle: boot, registration, readiness.
        var boot = !string.IsNullOrEmpty(imageKind) && profile.Boot.TryGetValue(imageKind, out var declared) ? declared : profile.BootOf(imageId);
        return new NodeLifecycleSample(boot.Sample(random), profile.Registration.Sample(random), profile.Readiness.Sample(random));
    }
}
