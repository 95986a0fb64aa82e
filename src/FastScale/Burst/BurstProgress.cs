namespace FastScale.Burst;

/// <summary>
/// A progress line of a run: nodes <see cref="Done"/> of those requested (Ready in a burst, replaced in a rollout's
/// phase, as <see cref="Unit"/> says), emulated and wall seconds since t = 0.
/// </summary>
internal sealed record BurstProgress(string Policy, int Ready, int Requested, double EmulatedSeconds, double WallSeconds, string Unit = BurstProgress.ReadyUnit)
{
    public const string ReadyUnit = "ready";
    public const string ReplacedUnit = "replaced";
}
