using System.Globalization;
using FastScale.Engine.Policy;

namespace FastScale.Engine.Repair;

/// <summary>
/// Judges one instance through its lifecycle, in order: the cloud (is it still there and running?), registration
/// (has its node ever been Ready?), then readiness (is it Ready now?). Each step has its own deadline, and nothing
/// younger than the shorter of the two timeouts is ever due, whatever its state.
/// </summary>
internal static class RepairDiagnosis
{
    public static Diagnosis Diagnose(RepairPolicy policy, InstanceWatch watch, NodeHealth? node, CloudPresence cloud, DateTimeOffset now)
    {
        var age = now - watch.FirstSeen;
        var oldEnough = age >= Shorter(policy.RegistrationTimeout, policy.NotReadyTimeout);
        switch (cloud)
        {
            case CloudPresence.Gone:
                return Diagnosis.Unhealthy(RepairReason.Released, oldEnough, "the cloud no longer knows the instance");
            case CloudPresence.Stopped:
                return Diagnosis.Unhealthy(RepairReason.Stopped, oldEnough, "the cloud reports the instance stopped");
            case CloudPresence.Present:
            default:
                break;
        }

        if (node is { IsReady: true })
        {
            return Diagnosis.Healthy;
        }

        if (!watch.EverReady)
        {
            // Still booting: not unhealthy yet, so a burst of new instances never engages the brake.
            return age < policy.RegistrationTimeout
                ? Diagnosis.Healthy
                : Diagnosis.Unhealthy(RepairReason.NeverReady, true, node is { } n
                    ? $"node {n.NodeName} not Ready {Seconds(age)} after launch (timeout {Seconds(policy.RegistrationTimeout)})"
                    : $"no node {Seconds(age)} after launch (timeout {Seconds(policy.RegistrationTimeout)})");
        }

        var since = node?.Since ?? watch.UnreadySince ?? now;
        var notReadyFor = now - since;
        var detail = node is { } seen
            ? $"node {seen.NodeName} {seen.Readiness} for {Seconds(notReadyFor)} (toleration {Seconds(policy.NotReadyTimeout)})"
            : $"node gone for {Seconds(notReadyFor)} (toleration {Seconds(policy.NotReadyTimeout)})";
        return Diagnosis.Unhealthy(RepairReason.NotReady, oldEnough && notReadyFor >= policy.NotReadyTimeout, detail);
    }

    private static TimeSpan Shorter(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s";
}
