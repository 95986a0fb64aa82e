namespace FastScale.Simulation.Cluster.Disruption;

/// <summary>
/// A budget's status numbers as the disruption controller computes them. <see cref="SyncFailure"/> is set when the
/// expected count could not be known (a pod with no controller the simulator can scale): then nothing may be disrupted.
/// </summary>
internal sealed record BudgetFigures(int CurrentHealthy, int DesiredHealthy, int ExpectedPods, int DisruptionsAllowed, string? SyncFailure);
