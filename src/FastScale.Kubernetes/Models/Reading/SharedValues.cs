using System.Numerics;

namespace FastScale.Kubernetes.Models.Reading;

/// <summary>Lets equal immutable parts of different objects be one instance: the tolerations, owner references and
/// containers of pods from one ReplicaSet, their label maps and resource requests. Like <see cref="StringPool"/>: a
/// fixed number of slots, each remembering the last value hashed to it; no locks; a miss keeps the new value. Only for
/// values nobody mutates (records with init-only members, read-only maps, arrays handed out as read-only lists).</summary>
internal sealed class SharedValues
{
    private readonly object?[] _slots;

    /// <param name="slots">Rounded up to a power of two.</param>
    public SharedValues(int slots = 8192)
    {
        _slots = new object?[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(slots, 16))];
    }

    /// <returns>An earlier value equal to <paramref name="candidate"/>, or the candidate itself.</returns>
    public T Share<T>(T candidate, int hash, Func<T, T, bool> equal)
        where T : class
    {
        ref var slot = ref _slots[hash & (_slots.Length - 1)];
        if (Volatile.Read(ref slot) is T existing && equal(existing, candidate))
        {
            return existing;
        }

        Volatile.Write(ref slot, candidate);
        return candidate;
    }
}
