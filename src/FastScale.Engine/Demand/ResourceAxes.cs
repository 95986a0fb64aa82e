using FastScale.Engine.Policy;

namespace FastScale.Engine.Demand;

/// <summary>
/// The resources of one planning run laid out as vector positions: cpu, memory, ephemeral storage, pods, then every
/// extended resource any group offers or any pod asks for. Vectors are flat <c>long</c> spans so a fit check is a
/// tight loop with no dictionary lookup.
/// </summary>
internal sealed class ResourceAxes
{
    public const int Cpu = 0;
    public const int Memory = 1;
    public const int EphemeralStorage = 2;
    public const int Pods = 3;

    private readonly List<string> _names = ["cpu", "memory", "ephemeral-storage", "pods"];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public ResourceAxes(IReadOnlyList<DemandGroup> groups, IReadOnlyList<PendingPod> pods)
    {
        for (var i = 0; i < _names.Count; i++)
        {
            _index[_names[i]] = i;
        }

        foreach (var group in groups)
        {
            foreach (var name in group.Template.Allocatable.Keys)
            {
                Add(name);
            }
        }

        foreach (var pod in pods)
        {
            foreach (var (name, amount) in pod.Requests.ExtendedResources)
            {
                if (amount > 0)
                {
                    Add(name);
                }
            }
        }
    }

    public int Count => _names.Count;

    public string Name(int axis) => _names[axis];

    /// <summary>Room for pods on an empty node: allocatable minus the DaemonSet overhead, rounded down (never promise more than exists).</summary>
    public long[] RoomOf(DemandGroup group)
    {
        var room = new long[Count];
        foreach (var (name, text) in group.Template.Allocatable)
        {
            if (_index.TryGetValue(name, out var axis) && Quantity.TryParse(text, out var amount))
            {
                room[axis] = ToUnits(axis, amount, roundUp: false);
            }
        }

        var overhead = group.DaemonSetOverhead;
        Subtract(room, Cpu, overhead.Cpu);
        Subtract(room, Memory, overhead.Memory);
        Subtract(room, EphemeralStorage, overhead.EphemeralStorage);
        Subtract(room, Pods, overhead.Pods);
        foreach (var (name, text) in overhead.Extended)
        {
            if (_index.TryGetValue(name, out var axis))
            {
                Subtract(room, axis, text);
            }
        }

        return room;
    }

    /// <summary>The free room of a Ready node as a vector, never above <paramref name="emptyRoom"/> on any axis nor below 0.</summary>
    public long[] ReadyRoomOf(PodRequests free, long[] emptyRoom)
    {
        var room = new long[Count];
        Write(free, room);
        for (var axis = 0; axis < room.Length; axis++)
        {
            room[axis] = Math.Clamp(room[axis], 0, emptyRoom[axis]);
        }

        return room;
    }

    /// <summary>Writes a pod's requests into <paramref name="vector"/> (which must be zeroed).</summary>
    public void Write(PodRequests requests, Span<long> vector)
    {
        vector[Cpu] = requests.CpuMillis;
        vector[Memory] = requests.MemoryBytes;
        vector[EphemeralStorage] = requests.EphemeralStorageBytes;
        vector[Pods] = requests.Pods;
        foreach (var (name, amount) in requests.ExtendedResources)
        {
            // A node's free room may name a resource no group offers and no pod asks for: it cannot matter here.
            if (amount > 0 && _index.TryGetValue(name, out var axis))
            {
                vector[axis] = amount;
            }
        }
    }

    /// <summary>An amount as an operator reads it: cpu in cores ("7.9"), byte sizes as Kubernetes prints them ("7680Mi").</summary>
    public string Format(int axis, long units) => axis switch
    {
        Cpu => (units / 1000m).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
        Memory or EphemeralStorage => NodeGroups.QuantityFormat.Canonical(units, "memory"),
        _ => units.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private void Add(string name)
    {
        if (!_index.ContainsKey(name))
        {
            _index[name] = _names.Count;
            _names.Add(name);
        }
    }

    private static void Subtract(long[] room, int axis, string text)
    {
        if (!string.IsNullOrWhiteSpace(text) && Quantity.TryParse(text, out var amount))
        {
            room[axis] = Math.Max(0, room[axis] - ToUnits(axis, amount, roundUp: true));
        }
    }

    private static long ToUnits(int axis, decimal amount, bool roundUp)
    {
        var scaled = axis == Cpu ? amount * 1000m : amount;
        var whole = roundUp ? decimal.Ceiling(scaled) : decimal.Floor(scaled);
        return whole >= long.MaxValue ? long.MaxValue : whole <= 0 ? 0 : (long)whole;
    }
}
