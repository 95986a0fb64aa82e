namespace FastScale.Engine.Policy;

/// <summary>What a rollout does with a node whose drain has not finished within <see cref="RolloutPolicy.DrainTimeout"/>.</summary>
public enum DrainTimeoutAction
{
    /// <summary>Leave it cordoned for a person to look at; the rollout waits on it (a PodDisruptionBudget is usually why).</summary>
    Wait,

    /// <summary>Delete the pods still on it, disruption budgets notwithstanding, and replace the node.</summary>
    Force,
}
