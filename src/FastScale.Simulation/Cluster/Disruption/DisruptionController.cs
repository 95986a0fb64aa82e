using System.Globalization;
using System.Text.Json.Nodes;

namespace FastScale.Simulation.Cluster.Disruption;

/// <summary>
/// The disruption controller, run inside the store: after every committed change to a pod, a budget or a ReplicaSet,
/// the budgets it concerns get their status recomputed (<see cref="BudgetCalculator"/>) and written in the same
/// critical section. A real controller trails the API by a sync; here the status is never stale, so an eviction
/// reading it always sees every earlier eviction, and <c>observedGeneration</c> always equals <c>generation</c>.
/// It also watches for the fact a rollout must never cause: a budget's healthy count falling below its desired count
/// through a pod's removal (a Ready pod turning unready, a crash, is not counted).
/// Not thread-safe: the store calls it under its write lock.
/// </summary>
internal sealed class DisruptionController(ClusterStore store, TimeProvider time)
{
    private bool _reconciling;

    // Parsed budget specs by object and resourceVersion: every pod change consults every budget of its namespace, and
    // parsing each from its stored JSON each time made a thousand-node workload quadratic.
    private readonly Dictionary<ObjectKey, (long Version, BudgetSpec? Spec)> _specs = [];

    /// <summary>Set by the eviction subresource around the delete it commits, so a breach it causes is told apart
    /// from one a plain DELETE causes.</summary>
    public bool Evicting { get; set; }

    public void Changed(WatchEvent change)
    {
        var kind = change.Object.Kind;
        if (_reconciling || store.Count(ResourceKind.PodDisruptionBudgets) == 0
            || (kind != ResourceKind.Pods && kind != ResourceKind.PodDisruptionBudgets && kind != ResourceKind.ReplicaSets))
        {
            return;
        }

        _reconciling = true;
        try
        {
            if (kind == ResourceKind.PodDisruptionBudgets)
            {
                if (change.Type != WatchEventType.Deleted)
                {
                    Reconcile(change.Object, podRemoved: false);
                }
                else
                {
                    _specs.Remove(change.Object.Key);
                }

                return;
            }

            if (kind == ResourceKind.ReplicaSets && change.Type == WatchEventType.Modified && change.Previous is { } previous
                && ReplicasIn(previous) == ReplicasIn(change.Object))
            {
                // A status write (or any change but the replica count) moves no budget's expected count.
                return;
            }

            var ns = change.Object.Namespace;
            foreach (var budget in store.ObjectsLocked(ResourceKind.PodDisruptionBudgets).Where(b => b.Namespace == ns).ToList())
            {
                var selector = SpecOf(budget)?.Selector;
                if (kind == ResourceKind.ReplicaSets || (selector is not null && (selector.Matches(change.Object) || (change.Previous is { } before && selector.Matches(before)))))
                {
                    Reconcile(budget, podRemoved: kind == ResourceKind.Pods && change.Type == WatchEventType.Deleted);
                }
            }
        }
        finally
        {
            _reconciling = false;
        }
    }

    /// <summary>The budgets in a namespace whose selector selects the pod, as the eviction subresource finds them.</summary>
    public List<StoredObject> BudgetsFor(StoredObject pod) =>
        [.. store.ObjectsLocked(ResourceKind.PodDisruptionBudgets)
            .Where(b => b.Namespace == pod.Namespace && SpecOf(b)?.Selector is { } selector && selector.Matches(pod))
            .OrderBy(b => b.Name, StringComparer.Ordinal)];

    private BudgetSpec? SpecOf(StoredObject budget)
    {
        if (_specs.TryGetValue(budget.Key, out var cached) && cached.Version == budget.ResourceVersion)
        {
            return cached.Spec;
        }

        var spec = BudgetSpec.From(budget.ToJsonObject());
        _specs[budget.Key] = (budget.ResourceVersion, spec);
        return spec;
    }

    private static int? ReplicasIn(StoredObject replicaSet) => (int?)replicaSet.ToJsonObject()["spec"]?["replicas"];

    private void Reconcile(StoredObject budget, bool podRemoved)
    {
        var json = budget.ToJsonObject();
        if (BudgetSpec.From(json) is not { } spec)
        {
            return;
        }

        var pods = spec.Selector is null ? []
            : store.ObjectsLocked(ResourceKind.Pods).Where(p => p.Namespace == budget.Namespace && spec.Selector.Matches(p)).Select(PodFacts.Of).ToList();
        var figures = BudgetCalculator.Compute(spec, pods, ReplicasOf(budget.Namespace));
        var before = json["status"] as JsonObject;
        var beforeHealthy = (int?)before?["currentHealthy"];
        if (podRemoved && figures.SyncFailure is null && figures.CurrentHealthy < figures.DesiredHealthy && figures.CurrentHealthy < beforeHealthy)
        {
            store.Counters.BudgetViolated(Evicting);
        }

        json["status"] = Status(figures, (long?)json["metadata"]?["generation"] ?? 1, before);
        store.CommitLocked(budget, json);
    }

    private Func<PodController, int?> ReplicasOf(string ns) => controller =>
    {
        if (controller.Kind != ResourceKind.ReplicaSets.Kind
            || store.Find(ResourceKind.ReplicaSets, ns, controller.Name)?.ToJsonObject() is not { } replicaSet
            || (string?)replicaSet["metadata"]?["uid"] != controller.Uid)
        {
            return null;
        }

        return (int?)replicaSet["spec"]?["replicas"] ?? 1;
    };

    private JsonObject Status(BudgetFigures figures, long generation, JsonObject? before)
    {
        var (conditionStatus, reason, message) = figures switch
        {
            { SyncFailure: { } failure } => ("False", "SyncFailed", failure),
            { DisruptionsAllowed: > 0 } => ("True", "SufficientPods", ""),
            _ => ("False", "InsufficientPods", ""),
        };
        var previous = (before?["conditions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == "DisruptionAllowed");
        var since = previous is not null && (string?)previous["status"] == conditionStatus && (string?)previous["reason"] == reason
            ? (string?)previous["lastTransitionTime"]
            : time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["observedGeneration"] = generation,
            ["disruptionsAllowed"] = figures.DisruptionsAllowed,
            ["currentHealthy"] = figures.CurrentHealthy,
            ["desiredHealthy"] = figures.DesiredHealthy,
            ["expectedPods"] = figures.ExpectedPods,
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "DisruptionAllowed",
                ["status"] = conditionStatus,
                ["observedGeneration"] = generation,
                ["lastTransitionTime"] = since,
                ["reason"] = reason,
                ["message"] = message,
            }),
        };
    }
}
