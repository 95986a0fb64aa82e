using System.Collections;

namespace FastScale.Engine.Cloud;

/// <summary>
/// A read-only list compared by its items, for list-valued members of records: a record compares an
/// <see cref="IReadOnlyList{T}"/> by reference, so two descriptions of the same instance would differ.
/// </summary>
public sealed class EquatableList<T> : IReadOnlyList<T>, IEquatable<EquatableList<T>>
{
    private readonly T[] _items;

    private EquatableList(T[] items) => _items = items;

    public static EquatableList<T> Empty { get; } = new([]);

    public int Count => _items.Length;

    public T this[int index] => _items[index];

    /// <summary>The items of <paramref name="items"/>, copied (or the same list, when it already is one).</summary>
    public static EquatableList<T> Of(IEnumerable<T>? items) => items switch
    {
        null => Empty,
        EquatableList<T> list => list,
        _ => items.Any() ? new([.. items]) : Empty,
    };

    public bool Equals(EquatableList<T>? other) => other is not null && _items.AsSpan().SequenceEqual(other._items);

    public override bool Equals(object? obj) => obj is EquatableList<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => $"[{string.Join(", ", _items)}]";

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
