namespace FastScale.Simulation.Ecs.Wire;

/// <summary>An ECS error answer: <c>Code</c> and HTTP status as ECS sends them, and a message for the caller.</summary>
internal sealed record EcsError(int Status, string Code, string Message)
{
    public bool IsThrottling => Code.Contains("Throttling", StringComparison.Ordinal);
}
