namespace FastScale.Engine.Cloud;

/// <summary>
/// One answer of a listing: its instances and the token that asks for the next page, or null on the last page. The
/// token is the cloud's own (ECS: DescribeInstances' <c>NextToken</c>); callers hand it back unread.
/// </summary>
public sealed record CloudInstancePage(IReadOnlyList<CloudInstance> Instances, string? NextToken);
