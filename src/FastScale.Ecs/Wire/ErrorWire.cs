namespace FastScale.Ecs.Wire;

/// <summary>ECS's error body: <c>{ RequestId, HostId, Code, Message, Recommend }</c>.</summary>
internal sealed record ErrorWire(string? RequestId, string? HostId, string? Code, string? Message, string? Recommend);
