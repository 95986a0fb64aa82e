namespace FastScale.Engine.Repair;

/// <summary>
/// The verdict on one instance. <see cref="Reason"/> set: unhealthy, which counts towards the group's brake;
/// <see cref="Due"/> also set: past its toleration, to be replaced unless the brake holds.
/// </summary>
internal readonly record struct Diagnosis(RepairReason? Reason, bool Due, string Detail)
{
    public static Diagnosis Healthy => default;

    public bool IsUnhealthy => Reason is not null;

    public static Diagnosis Unhealthy(RepairReason reason, bool due, string detail) => new(reason, due, detail);
}
