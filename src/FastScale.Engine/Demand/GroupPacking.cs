namespace FastScale.Engine.Demand;

/// <summary>
/// The bins of one group during a planning run, in the order they were opened: the free room of its Ready nodes
/// (opened up front, first fit looks there first), then its coming nodes, then new nodes. A coming or new bin exists
/// only once a pod is put in it, so an empty coming node is used exactly where a new node would have been opened; that
/// is what makes "plan, raise, plan again" ask for nothing the second time.
/// </summary>
/// <remarks>
/// First fit must find the lowest-numbered bin with room on every axis. A linear scan makes that quadratic in the
/// number of bins, so the free room of the bins sits in the leaves of a segment tree whose inner nodes hold the
/// per-axis maximum of their subtree: a subtree whose maxima cannot hold the request is skipped whole. The answer is
/// still the exact first fit. On top of that, a pod with the same request vector as the previous pod searched here
/// starts where that one ended: the bins before it did not fit that vector then and have only filled up since.
/// </remarks>
internal sealed class GroupPacking
{
    private readonly int _stride;
    private readonly long[] _emptyRoom;
    private readonly List<List<int>> _pods = [];
    private long[] _tree;
    private int _leaves = 16;
    private int _lastShapePod = -1;
    private int _lastShapeStart;

    /// <param name="readyRooms">The free room of each Ready node of the group, each at most <paramref name="emptyRoom"/>.</param>
    public GroupPacking(DemandGroup group, long[] emptyRoom, IReadOnlyList<long[]>? readyRooms = null)
    {
        Group = group;
        _stride = emptyRoom.Length;
        _emptyRoom = emptyRoom;
        _tree = NewTree(_leaves);
        foreach (var room in readyRooms ?? [])
        {
            OpenWith(room);
        }

        ReadyBins = _pods.Count;
    }

    public DemandGroup Group { get; }

    public int BinCount => _pods.Count;

    /// <summary>Bins standing for the free room of Ready nodes: the first ones, opened whether or not a pod goes there.</summary>
    public int ReadyBins { get; }

    public int NewBins => Math.Max(0, BinCount - ReadyBins - Group.ComingNodes);

    /// <summary>The group can give one more node: an unused coming node, else a new one within max.</summary>
    public bool CanOpen => BinCount - ReadyBins < Group.ComingNodes || NewBins < Group.Headroom;

    /// <summary>The pod this group last searched for, whose vector <see cref="FindBin"/> compares against; -1 when none.</summary>
    public int LastShapePod => _lastShapePod;

    public IReadOnlyList<int> PodsOf(int bin) => _pods[bin];

    public bool IsReady(int bin) => bin < ReadyBins;

    public bool IsComing(int bin) => bin >= ReadyBins && bin < ReadyBins + Group.ComingNodes;

    /// <summary>The first bin the request fits in, or -1.</summary>
    public int FindBin(ReadOnlySpan<long> request, int pod, ReadOnlySpan<long> lastShape)
    {
        var start = _lastShapePod >= 0 && request.SequenceEqual(lastShape) ? _lastShapeStart : 0;
        var found = start < _pods.Count ? Find(1, 0, _leaves - 1, start, request) : -1;
        _lastShapePod = pod;
        _lastShapeStart = found >= 0 ? found : _pods.Count;
        return found;
    }

    public int Open() => OpenWith(_emptyRoom);

    private int OpenWith(ReadOnlySpan<long> room)
    {
        var bin = _pods.Count;
        if (bin == _leaves)
        {
            Grow();
        }

        room.CopyTo(Node(_leaves + bin));
        _pods.Add([]);
        Refresh(bin);
        return bin;
    }

    public void Place(int bin, int pod, ReadOnlySpan<long> request)
    {
        var free = Node(_leaves + bin);
        for (var axis = 0; axis < _stride; axis++)
        {
            free[axis] -= request[axis];
        }

        _pods[bin].Add(pod);
        Refresh(bin);
    }

    public static bool Fits(ReadOnlySpan<long> request, ReadOnlySpan<long> free)
    {
        for (var axis = 0; axis < request.Length; axis++)
        {
            if (request[axis] > free[axis])
            {
                return false;
            }
        }

        return true;
    }

    private int Find(int node, int low, int high, int from, ReadOnlySpan<long> request)
    {
        if (high < from || !Fits(request, Node(node)))
        {
            return -1;
        }

        if (low == high)
        {
            return low;
        }

        var middle = (low + high) / 2;
        var left = Find(2 * node, low, middle, from, request);
        return left >= 0 ? left : Find((2 * node) + 1, middle + 1, high, from, request);
    }

    private void Refresh(int bin)
    {
        for (var node = (_leaves + bin) / 2; node >= 1; node /= 2)
        {
            MaxOfChildren(node);
        }
    }

    private void MaxOfChildren(int node)
    {
        var target = Node(node);
        var left = Node(2 * node);
        var right = Node((2 * node) + 1);
        for (var axis = 0; axis < _stride; axis++)
        {
            target[axis] = Math.Max(left[axis], right[axis]);
        }
    }

    private void Grow()
    {
        var old = _tree;
        var oldLeaves = _leaves;
        _leaves *= 2;
        _tree = NewTree(_leaves);
        old.AsSpan(oldLeaves * _stride, oldLeaves * _stride).CopyTo(_tree.AsSpan(_leaves * _stride));
        for (var node = _leaves - 1; node >= 1; node--)
        {
            MaxOfChildren(node);
        }
    }

    /// <summary>A tree with no bin: every node -1, which no request (all ≥ 0, one pod slot at least) fits.</summary>
    private long[] NewTree(int leaves)
    {
        var tree = new long[2 * leaves * _stride];
        Array.Fill(tree, -1L);
        return tree;
    }

    private Span<long> Node(int node) => _tree.AsSpan(node * _stride, _stride);
}
