namespace FastScale.Engine.Demand;

public enum TolerationOperator
{
    /// <summary>The taint's value must equal the toleration's (the Kubernetes default).</summary>
    Equal,

    /// <summary>Any value of the taint's key.</summary>
    Exists,
}
