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

    // Each budget's spec and selected pods, kept current by the changes this controller sees.
    private readonly Dictionary<ObjectKey, BudgetMembers> _budgets = [];

    /// <summary>Set by the eviction subresource around the delete it commits, so a breach it causes is told apart
    /// from one a plain DELETE causes.</summary>
    public bool Evicting { get; set; }

    public void Changed(WatchEvent change)
    {
        var kind = change.Object.Kind;
        if (kind == ResourceKind.PodDisruptionBudgets && change.Type == WatchEventType.Deleted)
        {
            _budgets.Remove(change.Object.Key);
            return;
        }

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
                Reconcile(change.Object, podRemoved: false);
                return;
            }

            if (kind == ResourceKind.ReplicaSets && change.Type == WatchEventType.Modified && change.Previous is { } previous
                && ReplicasIn(previous) == ReplicasIn(change.Object))
            {
                // A status write (or any change but the replica count) moves no budget's expected count.
                return;
            }

            var ns = change.Object.Namespace;
            var facts = new Lazy<PodFacts>(() => PodFacts.Of(change.Object));
            foreach (var budget in store.Objects(ResourceKind.PodDisruptionBudgets, ns).ToList())
            {
                if (kind == ResourceKind.ReplicaSets || MembersOf(budget).Apply(change, facts))
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
        [.. store.Objects(ResourceKind.PodDisruptionBudgets, pod.Namespace)
            .Where(b => MembersOf(b).Selects(pod))
            .OrderBy(b => b.Name, StringComparer.Ordinal)];

    private BudgetMembers MembersOf(StoredObject budget)
    {
        if (_budgets.TryGetValue(budget.Key, out var known) && known.Version == budget.ResourceVersion)
        {
            return known;
        }

        var json = budget.ToJsonObject();
        var selectorText = json["spec"]?["selector"]?.ToJsonString() ?? "";
        if (known is { Spec: not null } && known.SelectorText == selectorText)
        {
            known.Reread(budget.ResourceVersion, BudgetSpec.From(json));
            return known;
        }

        var members = new BudgetMembers(budget.ResourceVersion, BudgetSpec.From(json), selectorText).Fill(store.Objects(ResourceKind.Pods, budget.Namespace));
        _budgets[budget.Key] = members;
        return members;
    }

    private static int? ReplicasIn(StoredObject replicaSet) => (int?)replicaSet.ToJsonObject()["spec"]?["replicas"];

    private void Reconcile(StoredObject budget, bool podRemoved)
    {
        var members = MembersOf(budget);
        if (members.Spec is not { } spec)
        {
            return;
        }

        var json = budget.ToJsonObject();
        var pods = members.Pods;
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
