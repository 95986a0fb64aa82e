namespace FastScale.Simulation.Ecs.Instances;

/// <summary>The instance statuses ECS reports, spelled as on the wire.</summary>
public static class InstanceStatus
{
    public const string Pending = "Pending";
    public const string Starting = "Starting";
    public const string Running = "Running";
    public const string Stopping = "Stopping";
    public const string Stopped = "Stopped";

    public static IReadOnlyList<string> All { get; } = [Pending, Starting, Running, Stopping, Stopped];
}
