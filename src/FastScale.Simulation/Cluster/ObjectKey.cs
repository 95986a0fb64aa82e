namespace FastScale.Simulation.Cluster;

/// <summary>Namespace and name; ordered like the real storage keys (<c>/registry/pods/NS/NAME</c>), so list order is stable.</summary>
internal readonly record struct ObjectKey(string Namespace, string Name) : IComparable<ObjectKey>
{
    public int CompareTo(ObjectKey other)
    {
        var byNamespace = string.CompareOrdinal(Namespace, other.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(Name, other.Name);
    }

    public override string ToString() => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";
}
