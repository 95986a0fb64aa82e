using System.Text.Json.Nodes;
using FastScale.Simulation.Ecs.Wire;

namespace FastScale.Simulation.Ecs.Actions;

/// <summary>What an action produced: a success body (without RequestId; the emulator adds it) or an error.</summary>
internal readonly record struct ActionOutcome(JsonObject? Body, EcsError? Error)
{
    public static implicit operator ActionOutcome(JsonObject body) => new(body, null);

    public static implicit operator ActionOutcome(EcsError error) => new(null, error);
}
