namespace FastScale.Simulation.Cluster;

/// <summary>
/// One resource type the simulator serves: where it lives in the URL space, what it is called, and which fields a
/// <c>fieldSelector</c> may name (the real API server rejects any other field with 400).
/// </summary>
public sealed class ResourceKind
{
    private ResourceKind(
        string group, string version, string plural, string kind, bool namespaced, bool hasStatus, string[] selectableFields)
    {
        Group = group;
        Version = version;
        Plural = plural;
        Kind = kind;
        Namespaced = namespaced;
        HasStatus = hasStatus;
        SelectableFields = selectableFields;
    }

    public static ResourceKind Nodes { get; } = new("", "v1", "nodes", "Node", namespaced: false, hasStatus: true, ["spec.unschedulable"]);

    public static ResourceKind Pods { get; } = new(
        "", "v1", "pods", "Pod", namespaced: true, hasStatus: true,
        ["spec.nodeName", "status.phase", "spec.schedulerName", "spec.restartPolicy", "spec.serviceAccountName", "status.podIP", "status.nominatedNodeName"]);

    public static ResourceKind Leases { get; } = new("coordination.k8s.io", "v1", "leases", "Lease", namespaced: true, hasStatus: false, []);

    public static ResourceKind Events { get; } = new(
        "", "v1", "events", "Event", namespaced: true, hasStatus: false,
        ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "reason", "type", "source", "reportingComponent"]);

    public static ResourceKind PodDisruptionBudgets { get; } = new(
        "policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", namespaced: true, hasStatus: true, []);

    /// <summary>Served so a workload controller can keep evicted pods coming back (see <c>Workloads/</c>).</summary>
    public static ResourceKind ReplicaSets { get; } = new("apps", "v1", "replicasets", "ReplicaSet", namespaced: true, hasStatus: true, []);

    public static IReadOnlyList<ResourceKind> All { get; } = [Nodes, Pods, Leases, Events, PodDisruptionBudgets, ReplicaSets];

    /// <summary>API group; empty for the core group served under <c>/api</c>.</summary>
    public string Group { get; }

    public string Version { get; }

    public string Plural { get; }

    public string Kind { get; }

    public bool Namespaced { get; }

    /// <summary>Whether the kind has a <c>/status</c> subresource, which splits status writes from spec writes.</summary>
    public bool HasStatus { get; }

    /// <summary>Kind-specific selectable fields besides <c>metadata.name</c> and <c>metadata.namespace</c>.</summary>
    public IReadOnlyList<string> SelectableFields { get; }

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>How error messages name the resource: <c>nodes</c>, <c>leases.coordination.k8s.io</c>.</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    internal int FieldIndex(string field)
    {
        for (var i = 0; i < SelectableFields.Count; i++)
        {
            if (SelectableFields[i] == field)
            {
                return i;
            }
        }

        return -1;
    }

    public static ResourceKind? Find(string group, string version, string plural) =>
        All.FirstOrDefault(k => k.Group == group && k.Version == version && k.Plural == plural);

    public override string ToString() => QualifiedName;
}
