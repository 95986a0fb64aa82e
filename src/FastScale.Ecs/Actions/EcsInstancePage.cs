namespace FastScale.Ecs.Actions;

/// <summary>One DescribeInstances answer: its instances and the <c>NextToken</c> of the next page, null on the last.</summary>
public sealed record EcsInstancePage(IReadOnlyList<EcsInstance> Instances, string? NextToken, string? RequestId);
