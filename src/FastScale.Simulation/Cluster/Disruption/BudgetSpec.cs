using System.Text.Json.Nodes;

namespace FastScale.Simulation.Cluster.Disruption;

/// <summary>
/// A PodDisruptionBudget's spec as the simulator enforces it: exactly one of minAvailable and maxUnavailable, the
/// pod selector, and the unhealthy pod eviction policy (IfHealthyBudget unless AlwaysAllow).
/// </summary>
internal sealed record BudgetSpec(IntOrPercent? MinAvailable, IntOrPercent? MaxUnavailable, LabelSelector? Selector, bool AlwaysAllowUnhealthy)
{
    /// <summary>Reads a stored budget; null when its spec does not validate (create and update reject those first).</summary>
    public static BudgetSpec? From(JsonObject budget) => TryRead(budget, out var spec, out _) ? spec : null;

    /// <summary>Why the API refuses this budget on create or update, worded as the real validation words it.</summary>
    public static ApiError? Validate(JsonObject budget) =>
        TryRead(budget, out _, out var problem) ? null
            : ApiErrors.Invalid(ResourceKind.PodDisruptionBudgets, (string?)budget["metadata"]?["name"] ?? "", problem.Field, "FieldValueInvalid", problem.Detail);

    private static bool TryRead(JsonObject budget, out BudgetSpec spec, out (string Field, string Detail) problem)
    {
        spec = null!;
        problem = default;
        var body = budget["spec"] as JsonObject ?? new JsonObject();
        IntOrPercent? min = null;
        IntOrPercent? max = null;
        if (body["minAvailable"] is { } minNode)
        {
            if (!IntOrPercent.TryParse(minNode, out var parsed, out var error))
            {
                problem = ("spec.minAvailable", $"Invalid value: {minNode.ToJsonString()}: {error}");
                return false;
            }

            min = parsed;
        }

        if (body["maxUnavailable"] is { } maxNode)
        {
            if (!IntOrPercent.TryParse(maxNode, out var parsed, out var error))
            {
                problem = ("spec.maxUnavailable", $"Invalid value: {maxNode.ToJsonString()}: {error}");
                return false;
            }

            max = parsed;
        }

        if (min is not null && max is not null)
        {
            problem = ("spec", $"Invalid value: {body.ToJsonString()}: minAvailable and maxUnavailable cannot be both set");
            return false;
        }

        if (min is null && max is null)
        {
            // The real API accepts neither; the simulator asks for one so a budget always says what it protects.
            problem = ("spec", "Required value: one of minAvailable or maxUnavailable must be set");
            return false;
        }

        LabelSelector? selector = null;
        if (body["selector"] is JsonObject selectorNode)
        {
            if (!LabelSelector.TryFromObject(selectorNode, out selector, out var selectorError))
            {
                problem = ("spec.selector", $"Invalid value: {selectorNode.ToJsonString()}: {selectorError}");
                return false;
            }
        }

        var policy = (string?)body["unhealthyPodEvictionPolicy"];
        if (policy is not (null or "IfHealthyBudget" or "AlwaysAllow"))
        {
            problem = ("spec.unhealthyPodEvictionPolicy", $"Unsupported value: \"{policy}\": supported values: \"AlwaysAllow\", \"IfHealthyBudget\"");
            return false;
        }

        // A budget without a selector selects nothing (policy/v1: a null selector matches no pods, an empty one all).
        spec = new BudgetSpec(min, max, selector, policy == "AlwaysAllow");
        return true;
    }
}
