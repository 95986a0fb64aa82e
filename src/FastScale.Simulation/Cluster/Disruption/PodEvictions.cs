using System.Text.Json.Nodes;

namespace FastScale.Simulation.Cluster.Disruption;

/// <summary>
/// The <c>pods/eviction</c> subresource, decided as the real API server decides it: a pod that is terminal, Pending or
/// already terminating is deleted without asking any budget; a pod selected by more than one budget is refused with
/// 500; an unready pod goes when its budget is healthy (or says AlwaysAllow) without spending a disruption; any other
/// pod goes only while its budget allows a disruption, else 429 TooManyRequests. The check and the delete happen in
/// the store's one critical section, and the budget's status is recomputed inside it, so two concurrent evictions can
/// never spend the same disruption. The store calls it under its write lock.
/// </summary>
internal sealed class PodEvictions(ClusterStore store, DisruptionController disruption, ClusterSimulatorCounters counters, TimeSpan retryAfter)
{
    private const string Refused = "Cannot evict pod as it would violate the pod's disruption budget.";

    public ApiError? Evict(string ns, string name, JsonObject eviction)
    {
        var outcome = Decide(ns, name, eviction);
        switch (outcome)
        {
            case null:
                counters.EvictionAllowed();
                break;
            case { Code: 404, Details: not null }:
                counters.EvictionNotFound();
                break;
            case { Code: 429 }:
                counters.EvictionRefused();
                break;
            default:
                counters.EvictionFailed();
                break;
        }

        return outcome;
    }

    private ApiError? Decide(string ns, string name, JsonObject eviction)
    {
        if ((string?)eviction["kind"] is { Length: > 0 } kind && kind != "Eviction")
        {
            return ApiErrors.BadRequest($"the body of the request was of kind {kind}, expected Eviction");
        }

        if ((string?)eviction["metadata"]?["name"] is { Length: > 0 } bodyName && bodyName != name)
        {
            return ApiErrors.BadRequest("name in URL does not match name in Eviction object");
        }

        if ((string?)eviction["metadata"]?["namespace"] is { Length: > 0 } bodyNamespace && bodyNamespace != ns)
        {
            return ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        var deleteOptions = eviction["deleteOptions"] as JsonObject;
        var dryRun = (deleteOptions?["dryRun"] as JsonArray ?? []).Any(v => (string?)v == "All");
        if (store.Find(ResourceKind.Pods, ns, name) is not { } pod)
        {
            return ApiErrors.NotFound(ResourceKind.Pods, name);
        }

        var facts = PodFacts.Of(pod);
        if (facts.IgnoresBudgets)
        {
            return Delete(pod, deleteOptions, dryRun);
        }

        var budgets = disruption.BudgetsFor(pod);
        if (budgets.Count > 1)
        {
            return new ApiError(500, "", "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
        }

        if (budgets.Count == 0)
        {
            return Delete(pod, deleteOptions, dryRun);
        }

        var budget = budgets[0].ToJsonObject();
        var budgetName = budgets[0].Name;
        var status = budget["status"] as JsonObject ?? new JsonObject();
        var (healthy, desired, allowed) = ((int?)status["currentHealthy"] ?? 0, (int?)status["desiredHealthy"] ?? 0, (int?)status["disruptionsAllowed"] ?? 0);
        if (!facts.Ready && (BudgetSpec.From(budget)?.AlwaysAllowUnhealthy == true || (healthy >= desired && desired > 0)))
        {
            // An unready pod adds nothing to the healthy count: deleting it spends no disruption.
            return Delete(pod, deleteOptions, dryRun);
        }

        if (((long?)status["observedGeneration"] ?? 0) < ((long?)budget["metadata"]?["generation"] ?? 1))
        {
            return TooManyRequests($"The disruption budget {budgetName} is still being processed by the server.");
        }

        if (allowed == 0)
        {
            return TooManyRequests($"The disruption budget {budgetName} needs {desired} healthy pods and has {healthy} currently");
        }

        // Deleting the pod recomputes the budget in the same critical section: disruptionsAllowed drops at once.
        return Delete(pod, deleteOptions, dryRun);
    }

    private ApiError? Delete(StoredObject pod, JsonObject? deleteOptions, bool dryRun)
    {
        if (dryRun)
        {
            return null;
        }

        disruption.Evicting = true;
        try
        {
            // The simulator has no graceful termination: gracePeriodSeconds is accepted and the pod goes at once.
            return store.DeleteCore(ResourceKind.Pods, pod.Namespace, pod.Name, deleteOptions).Error;
        }
        finally
        {
            disruption.Evicting = false;
        }
    }

    private ApiError TooManyRequests(string cause)
    {
        var details = new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["reason"] = "DisruptionBudget", ["message"] = cause }) };
        if (retryAfter > TimeSpan.Zero)
        {
            details["retryAfterSeconds"] = (int)retryAfter.TotalSeconds;
        }

        return new ApiError(429, "TooManyRequests", Refused) { Details = details };
    }
}
