using System.Numerics;

namespace FastScale.Kubernetes.Models.Reading;

/// <summary>Hands out one shared instance for strings that repeat across cached objects (namespaces, label keys, owner
/// names, container images, condition types), so 50,000 cached pods do not hold 50,000 copies of "team-a". A fixed
/// number of slots, each remembering the last string hashed to it: bounded memory, no locks, and a miss costs only the
/// allocation that would have happened anyway. Races between readers at worst lose a slot's entry.</summary>
internal sealed class StringPool
{
    private readonly string?[] _slots;

    /// <param name="slots">Rounded up to a power of two.</param>
    public StringPool(int slots = 8192)
    {
        _slots = new string?[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(slots, 16))];
    }

    public string Get(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return "";
        }

        ref var slot = ref _slots[string.GetHashCode(value) & (_slots.Length - 1)];
        var existing = Volatile.Read(ref slot);
        if (existing is not null && value.SequenceEqual(existing))
        {
            return existing;
        }

        var created = new string(value);
        Volatile.Write(ref slot, created);
        return created;
    }
}
