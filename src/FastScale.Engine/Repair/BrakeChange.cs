namespace FastScale.Engine.Repair;

internal enum BrakeChange
{
    None,
    Engaged,
    Released,
}
