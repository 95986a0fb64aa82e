namespace FastScale.Engine.Cloud.InMemory;

/// <summary>
/// One call the in-memory cloud answered: the ECS action name, when (injected clock), how many instances it named or
/// asked for, the ClientToken of a launch, and the error it answered (null on success).
/// </summary>
public sealed record CloudCall(string Action, DateTimeOffset At, int Count, string? ClientToken, CloudError? Error);
