namespace FastScale.Engine.Repair;

public static class RepairReasons
{
    /// <summary>The value of the <c>reason</c> label of <c>fastscale_repairs_total</c>.</summary>
    public static string Label(this RepairReason reason) => reason switch
    {
        RepairReason.NeverReady => "never_ready",
        RepairReason.NotReady => "not_ready",
        RepairReason.Stopped => "stopped",
        RepairReason.Released => "released",
        _ => "other",
    };
}
