namespace FastScale.Engine.Cloud;

/// <summary>
/// The cloud requests the engine makes, one per ECS action; ECS paces (and throttles) each action on its own, per
/// account and region. Member names are the ECS action names, and <see cref="CloudActions"/> is the one place that
/// turns them into the strings the policy file and the metric labels use.
/// </summary>
public enum CloudAction
{
    RunInstances,
    StartInstances,
    StopInstances,
    DescribeInstances,
    DeleteInstances,
}
