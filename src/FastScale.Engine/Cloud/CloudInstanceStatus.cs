namespace FastScale.Engine.Cloud;

/// <summary>ECS instance states, in their order of life.</summary>
public enum CloudInstanceStatus
{
    Pending,
    Starting,
    Running,
    Stopping,
    Stopped,
}
