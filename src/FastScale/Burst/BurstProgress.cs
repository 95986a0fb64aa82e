namespace FastScale.Burst;

/// <summary>A progress line of a run: nodes Ready of those requested, emulated and wall seconds since t = 0.</summary>
internal sealed record BurstProgress(string Policy, int Ready, int Requested, double EmulatedSeconds, double WallSeconds);
