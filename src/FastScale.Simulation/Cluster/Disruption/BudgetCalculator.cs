namespace FastScale.Simulation.Cluster.Disruption;

/// <summary>
/// The disruption controller's arithmetic, free of storage. Healthy pods are Ready and not being deleted. With an
/// integer minAvailable the expected count is the number of selected pods; with a percentage, or with maxUnavailable,
/// it is the sum of the replica counts of the pods' controllers (as the real controller reads each controller's scale),
/// and percentages round up. Allowed disruptions are currentHealthy - desiredHealthy, never below 0, and 0 when no pod
/// is expected.
/// </summary>
internal static class BudgetCalculator
{
    /// <param name="spec">The budget's spec.</param>
    /// <param name="pods">The pods its selector selects.</param>
    /// <param name="replicasOf">The replica count of a controller, or null when the simulator cannot tell it.</param>
    public static BudgetFigures Compute(BudgetSpec spec, IReadOnlyList<PodFacts> pods, Func<PodController, int?> replicasOf)
    {
        var healthy = pods.Count(p => p.Ready && !p.Terminating);
        int expected;
        int desired;
        if (spec.MinAvailable is { IsPercent: false } minCount)
        {
            expected = pods.Count;
            desired = minCount.Value;
        }
        else
        {
            if (ExpectedScale(pods, replicasOf, out expected) is { } failure)
            {
                return new BudgetFigures(healthy, 0, 0, 0, failure);
            }

            desired = spec.MinAvailable is { } minPercent
                ? minPercent.Scale(expected, roundUp: true)
                : Math.Max(0, expected - spec.MaxUnavailable!.Value.Scale(expected, roundUp: true));
        }

        var allowed = expected <= 0 ? 0 : Math.Max(0, healthy - desired);
        return new BudgetFigures(healthy, desired, expected, allowed, null);
    }

    private static string? ExpectedScale(IReadOnlyList<PodFacts> pods, Func<PodController, int?> replicasOf, out int expected)
    {
        expected = 0;
        var counted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (pod.Controller is not { } controller)
            {
                return $"found no controller ref for pod \"{pod.Name}\"";
            }

            if (!counted.Add(controller.Uid))
            {
                continue;
            }

            if (replicasOf(controller) is not { } replicas)
            {
                return $"found no controllers for pod \"{pod.Name}\"";
            }

            expected += replicas;
        }

        return null;
    }
}
