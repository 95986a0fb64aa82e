namespace FastScale.Simulation.Ecs.Wire;

/// <summary>What the emulator answers: an HTTP status and a JSON body.</summary>
public sealed record EcsWireResponse(int Status, string Json)
{
    public const string ContentType = "application/json;charset=utf-8";
}
