namespace FastScale.Simulation.Cluster;

/// <summary>Which objects a list or watch sees: a namespace (or all), a label selector and a field selector.</summary>
internal sealed record ObjectFilter(ResourceKind Kind, string? Namespace, LabelSelector Labels, FieldSelector Fields)
{
    public static ObjectFilter All(ResourceKind kind, string? ns = null) => new(kind, ns, LabelSelector.Everything, FieldSelector.Everything);

    public bool Matches(StoredObject obj) =>
        obj.Kind == Kind && (Namespace is null || obj.Namespace == Namespace) && Labels.Matches(obj) && Fields.Matches(obj);

    public static bool TryCreate(
        ResourceKind kind, string? ns, string? labelSelector, string? fieldSelector, out ObjectFilter filter, out ApiError? error)
    {
        filter = All(kind, ns);
        error = null;
        if (!LabelSelector.TryParse(labelSelector, out var labels, out var problem)
            || !FieldSelector.TryParse(fieldSelector, kind, out var fields, out problem))
        {
            error = ApiErrors.BadRequest(problem);
            return false;
        }

        filter = new ObjectFilter(kind, ns, labels, fields);
        return true;
    }
}
