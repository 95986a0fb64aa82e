namespace FastScale.Engine.Demand;

/// <summary>A requirement on one node label. In/NotIn take a set of values, Gt/Lt exactly one integer, Exists/DoesNotExist none.</summary>
public sealed record NodeSelectorRequirement(string Key, NodeSelectorOperator Operator, IReadOnlyList<string> Values)
{
    public override string ToString() => Operator switch
    {
        NodeSelectorOperator.Exists => Key,
        NodeSelectorOperator.DoesNotExist => "!" + Key,
        NodeSelectorOperator.In => $"{Key} in ({string.Join(",", Values)})",
        NodeSelectorOperator.NotIn => $"{Key} notin ({string.Join(",", Values)})",
        NodeSelectorOperator.Gt => $"{Key}>{string.Join(",", Values)}",
        _ => $"{Key}<{string.Join(",", Values)}",
    };
}
