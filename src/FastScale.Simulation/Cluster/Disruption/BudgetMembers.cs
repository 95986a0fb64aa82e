namespace FastScale.Simulation.Cluster.Disruption;

/// <summary>
/// One budget's parsed spec and the facts of the pods its selector selects, kept current change by change. Without
/// it every pod change re-read every pod of the namespace, and a thousand-node rollout (ten thousand pods, each
/// evicted and recreated) spent most of the simulator's time inside the store's write lock doing so.
/// </summary>
internal sealed class BudgetMembers(long version, BudgetSpec? spec, string selectorText)
{
    // Ordered by pod name so a sync failure names the same pod every time.
    private readonly SortedDictionary<string, PodFacts> _pods = new(StringComparer.Ordinal);

    /// <summary>The budget's resourceVersion the spec was read at.</summary>
    public long Version { get; private set; } = version;

    public BudgetSpec? Spec { get; private set; } = spec;

    /// <summary>The selector as stored, so a budget rewrite that keeps it (its own status) keeps the members.</summary>
    public string SelectorText { get; } = selectorText;

    public IReadOnlyList<PodFacts> Pods => [.. _pods.Values];

    public bool Selects(StoredObject pod) => Spec?.Selector is { } selector && selector.Matches(pod);

    /// <summary>Reads the members from every pod of the budget's namespace; for a new or reselected budget only.</summary>
    public BudgetMembers Fill(IEnumerable<StoredObject> pods)
    {
        foreach (var pod in pods)
        {
            if (Selects(pod))
            {
                _pods[pod.Name] = PodFacts.Of(pod);
            }
        }

        return this;
    }

    /// <summary>A later version of the budget with the same selector (its own status written, its counts changed): the members stay.</summary>
    public void Reread(long newVersion, BudgetSpec? newSpec)
    {
        Version = newVersion;
        Spec = newSpec;
    }

    /// <summary>Applies a pod's change; true when the budget's members or their facts moved.</summary>
    public bool Apply(WatchEvent change, Lazy<PodFacts> facts)
    {
        var name = change.Object.Name;
        if (change.Type != WatchEventType.Deleted && Selects(change.Object))
        {
            _pods[name] = facts.Value;
            return true;
        }

        return _pods.Remove(name);
    }
}
