namespace FastScale.Engine.Cloud;

/// <summary>
/// How far an <see cref="CloudErrorKind.OutOfStock"/> refusal reaches, so the launcher skips exactly the offerings the
/// same call would fail on again and keeps trying the rest.
/// </summary>
public enum CapacityScope
{
    /// <summary>One instance type in one zone (no stock, type not sold there): the next type or zone may have it.</summary>
    Offering,

    /// <summary>Every instance type in the zone (the zone is closed to the account): only another zone helps.</summary>
    Zone,

    /// <summary>Every offering that launches into the vSwitch (no free private IP left in it): only another vSwitch helps.</summary>
    VSwitch,
}
