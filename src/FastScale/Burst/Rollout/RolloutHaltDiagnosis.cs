using System.Globalization;
using System.Text.RegularExpressions;

namespace FastScale.Burst.Rollout;

/// <summary>
/// When a rollout halts on an image that should have worked, what the world knew of the replacement the provider named:
/// when the emulator created it and ran it, when the latency model says its Node should have been Ready, and when the
/// burst's own watch saw it registered and Ready (seconds from the image change). The provider judges readiness from
/// its own view of the cluster; this puts that verdict beside the cluster's.
/// </summary>
internal static partial class RolloutHaltDiagnosis
{
    [GeneratedRegex(@"\bi-[0-9a-z]+\b", RegexOptions.CultureInvariant)]
    private static partial Regex InstanceId();

    public static string Describe(string haltReason, BurstWorld world, NodeReadinessWatch watch, DateTimeOffset changedAt)
    {
        ArgumentNullException.ThrowIfNull(haltReason);
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(watch);
        if (InstanceId().Match(haltReason) is not { Success: true } match)
        {
            return haltReason;
        }

        var id = match.Value;
        string At(DateTimeOffset? at) => at is { } t ? (t - changedAt).TotalSeconds.ToString("+0.0 's';-0.0 's'", CultureInfo.InvariantCulture) : "never";
        var instance = world.Ecs.Emulator.Instances().FirstOrDefault(i => i.InstanceId == id);
        var cloud = instance is null
            ? "gone from the emulator"
            : $"created {At(instance.CreatedAt)}, Running {At(instance.RunningAt)}, Ready by its drawn phases {At(instance.Latency.ReadyAt)}";
        DateTimeOffset? Seen(IReadOnlyDictionary<string, DateTimeOffset> times) => times.TryGetValue(id, out var at) ? at : null;
        return $"{haltReason} [{id}: {cloud}; the cluster's watch saw its Node registered {At(Seen(watch.RegisteredAt))}, Ready {At(Seen(watch.ReadyAt))}]";
    }
}
