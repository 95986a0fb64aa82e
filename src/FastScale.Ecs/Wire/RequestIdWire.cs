namespace FastScale.Ecs.Wire;

/// <summary>Answers that carry nothing but a RequestId (DeleteInstances).</summary>
internal sealed record RequestIdWire(string? RequestId) : IEcsAnswer;
