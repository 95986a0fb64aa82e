namespace FastScale.Ecs.Actions;

public enum EcsStoppedMode
{
    /// <summary>Economical mode: compute billing stops, disks stay billed; a later start can fail for lack of stock.</summary>
    StopCharging,
    KeepCharging,
}
