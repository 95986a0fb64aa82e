namespace FastScale.Engine.Demand;

/// <summary>One term of a required node affinity: a node matches when EVERY requirement holds. A term with no requirement matches no node, as in Kubernetes.</summary>
public sealed record NodeSelectorTerm(IReadOnlyList<NodeSelectorRequirement> MatchExpressions);
