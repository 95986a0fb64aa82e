using System.Collections.Concurrent;

namespace FastScale.Engine.Repair;

/// <summary>
/// Per group, whether repair is paused because too much of the group is unhealthy at once. When a large share of
/// nodes fails together the cause is rarely the nodes (a control plane or network outage, a bad image, a cloud
/// incident): replacing them all would only add churn, so repair waits for the share to fall back.
/// </summary>
internal sealed class RepairBrake
{
    private readonly ConcurrentDictionary<string, bool> _engaged = new(StringComparer.Ordinal);

    public bool IsEngaged(string groupId) => _engaged.GetValueOrDefault(groupId);

    /// <summary>
    /// How many unhealthy instances a group of <paramref name="total"/> may have and still be repaired. At least one
    /// (when the percentage is not 0), so a group of fewer than five nodes can still have a broken node replaced: with
    /// 20% of 3 rounded down, a single failure would otherwise stop repair for good.
    /// </summary>
    public static int Allowed(int total, int percent) =>
        percent <= 0 ? 0 : percent >= 100 ? total : Math.Max(1, total * percent / 100);

    public BrakeChange Update(string groupId, int unhealthy, int total, int percent)
    {
        var engage = unhealthy > Allowed(total, percent);
        var was = _engaged.GetValueOrDefault(groupId);
        _engaged[groupId] = engage;
        return engage == was ? BrakeChange.None : engage ? BrakeChange.Engaged : BrakeChange.Released;
    }
}
