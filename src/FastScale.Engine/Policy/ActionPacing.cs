namespace FastScale.Engine.Policy;

/// <summary>Token bucket for one cloud action: sustained <see cref="Qps"/>, at most <see cref="Burst"/> at once.</summary>
public sealed class ActionPacing
{
    public double Qps { get; set; }
    public int Burst { get; set; }
}
