namespace FastScale.Engine.Launch;

/// <summary>
/// The right to make one call of an action. <see cref="Epoch"/> counts the action's throttle pauses when the permit
/// was granted, so the answer to a call made before a pause neither starts a second pause nor ends probing early.
/// </summary>
public readonly record struct ApiPermit(string Action, long Epoch);
