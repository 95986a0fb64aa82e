namespace FastScale.Engine.Repair;

/// <summary>
/// One group's health in one pass. <see cref="Total"/> counts the instances repair looks after (not warm, not failed
/// creations, not released by the autoscaler); <see cref="Unhealthy"/> those with a problem, within their toleration or
/// not, plus those being replaced; <see cref="Due"/> those past their toleration.
/// </summary>
internal sealed record GroupHealth(int Total, int Unhealthy, IReadOnlyList<DueRepair> Due);
