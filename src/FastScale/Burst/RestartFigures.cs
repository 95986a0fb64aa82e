namespace FastScale.Burst;

/// <summary>
/// A <c>restart-N</c> run's restart, in emulated seconds from t = 0: when the first provider died, how many instances
/// the cloud held then, and how long its successor took to rebuild its groups from the tags and to make its first
/// RunInstances call (null when it needed none).
/// </summary>
internal sealed record RestartFigures(double CrashedAtSeconds, int InstancesAtCrash, double RecoveredAfterSeconds, double? FirstLaunchAfterSeconds, int ReRequested);
