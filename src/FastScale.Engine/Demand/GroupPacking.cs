namespace FastScale.Engine.Demand;

/// <summary>
/// The bins of one group during a planning run: first its coming nodes, then the new nodes opened for pods. Free room
/// is kept in one flat array (stride = number of resource axes) so a fit check touches contiguous memory.
/// </summary>
/// <remarks>
/// Two shortcuts keep first-fit near linear on bursts of identical pods, without changing its result:
/// a bin whose room is below the smallest request of the run on some axis is closed and never scanned again, and a pod
/// with the same request vector as the previous pod searched here starts where that one ended, because the bins
/// before it did not fit that vector then and have only filled up since.
/// </remarks>
internal sealed class GroupPacking
{
    private readonly int _stride;
    private readonly long[] _emptyRoom;
    private readonly long[] _smallestRequest;
    private long[] _free;
    private readonly List<List<int>> _pods = [];
    private readonly List<bool> _closed = [];
    private int _firstOpen;
    private int _lastShapePod = -1;
    private int _lastShapeStart;

    public GroupPacking(DemandGroup group, long[] emptyRoom, long[] smallestRequest)
    {
        Group = group;
        _stride = emptyRoom.Length;
        _emptyRoom = emptyRoom;
        _smallestRequest = smallestRequest;
        _free = new long[Math.Max(16, group.ComingNodes + 16) * _stride];
        for (var i = 0; i < group.ComingNodes; i++)
        {
            AddBin();
        }
    }

    public DemandGroup Group { get; }

    public int BinCount => _pods.Count;

    public int NewBins => BinCount - Group.ComingNodes;

    public bool CanOpen => NewBins < Group.Headroom;

    public IReadOnlyList<int> PodsOf(int bin) => _pods[bin];

    public bool IsComing(int bin) => bin < Group.ComingNodes;

    public ReadOnlySpan<long> FreeOf(int bin) => _free.AsSpan(bin * _stride, _stride);

    /// <summary>The first bin the request fits in, or -1.</summary>
    public int FindBin(ReadOnlySpan<long> request, int pod, ReadOnlySpan<long> lastShape)
    {
        var start = _lastShapePod >= 0 && request.SequenceEqual(lastShape) ? Math.Max(_lastShapeStart, _firstOpen) : _firstOpen;
        var found = -1;
        for (var bin = start; bin < _pods.Count; bin++)
        {
            if (!_closed[bin] && Fits(request, FreeOf(bin)))
            {
                found = bin;
                break;
            }
        }

        _lastShapePod = pod;
        _lastShapeStart = found >= 0 ? found : _pods.Count;
        return found;
    }

    /// <summary>The pod this group last searched for, whose vector <see cref="FindBin"/> compares against; -1 when none.</summary>
    public int LastShapePod => _lastShapePod;

    public int Open() => AddBin();

    public void Place(int bin, int pod, ReadOnlySpan<long> request)
    {
        var free = _free.AsSpan(bin * _stride, _stride);
        var closes = false;
        for (var axis = 0; axis < _stride; axis++)
        {
            free[axis] -= request[axis];
            closes |= free[axis] < _smallestRequest[axis];
        }

        _pods[bin].Add(pod);
        if (closes)
        {
            _closed[bin] = true;
            while (_firstOpen < _pods.Count && _closed[_firstOpen])
            {
                _firstOpen++;
            }
        }
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

    private int AddBin()
    {
        var bin = _pods.Count;
        if ((bin + 1) * _stride > _free.Length)
        {
            Array.Resize(ref _free, _free.Length * 2);
        }

        _emptyRoom.CopyTo(_free.AsSpan(bin * _stride, _stride));
        _pods.Add([]);
        _closed.Add(false);
        return bin;
    }
}
