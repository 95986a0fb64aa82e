namespace FastScale.Engine.Demand;

public enum NodeSelectorOperator
{
    In,
    NotIn,
    Exists,
    DoesNotExist,

    /// <summary>The label's value, read as an integer, is greater than the single value given.</summary>
    Gt,

    /// <summary>The label's value, read as an integer, is less than the single value given.</summary>
    Lt,
}
