namespace FastScale.Metrics;

/// <summary>
/// The tags of one measurement as the listener hands them over, usable as a dictionary key without copying them:
/// the hot path looks a series up by this span and allocates only when the label set is new.
/// </summary>
internal readonly ref struct TagSpan(ReadOnlySpan<KeyValuePair<string, object?>> tags)
{
    public ReadOnlySpan<KeyValuePair<string, object?>> Tags { get; } = tags;
}
