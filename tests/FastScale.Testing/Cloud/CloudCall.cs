using FastScale.Engine.Cloud;

namespace FastScale.Testing.Cloud;

/// <summary>
/// One call the in-memory cloud answered: the action, when (injected clock), how many instances it named or
/// asked for, the ClientToken of a launch, and the error it answered (null on success).
/// </summary>
public sealed record CloudCall(CloudAction Action, DateTimeOffset At, int Count, string? ClientToken, CloudError? Error);
