using FastScale.Engine.Cloud;

namespace FastScale.Engine.Launch;

/// <summary>
/// The right to make one call of an action; its answer goes back to the budget (<see cref="CloudApiBudget.Report"/>, or
/// <see cref="CloudApiBudget.Abandon"/> when there is none). <see cref="Epoch"/> counts the action's throttles when the
/// permit was granted, so the answer to a call made before a throttle neither lowers the rate again nor ends probing.
/// <see cref="Probe"/>: the call was sent alone to find out whether the action is still throttled.
/// </summary>
public readonly record struct ApiPermit(CloudAction Action, long Epoch, bool Probe = false);
