namespace FastScale.Engine.Policy;

public sealed class PricePolicy
{
    /// <summary>Price of one running node per hour.</summary>
    public double NodePerHour { get; set; }

    /// <summary>Price of one stopped (economical mode) warm instance per hour: its disks.</summary>
    public double StoppedPerHour { get; set; }
}
