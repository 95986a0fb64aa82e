namespace FastScale.Metrics;

/// <summary>Compares label keys with each other and with the raw tags of a measurement (the allocation-free lookup).</summary>
internal sealed class LabelKeyComparer : IEqualityComparer<LabelKey>, IAlternateEqualityComparer<TagSpan, LabelKey>
{
    public bool Equals(LabelKey? x, LabelKey? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        return x is not null && y is not null && x.Hash == y.Hash && x.Pairs.AsSpan().SequenceEqual(y.Pairs);
    }

    public int GetHashCode(LabelKey obj) => obj.Hash;

    public bool Equals(TagSpan alternate, LabelKey other) => other.Matches(alternate.Tags);

    public int GetHashCode(TagSpan alternate) => LabelKey.HashOf(alternate.Tags);

    public LabelKey Create(TagSpan alternate) => LabelKey.From(alternate.Tags);
}
