namespace FastScale.Simulation.Ecs.Instances;

/// <summary>
/// The emulated region's instances, in creation order. Not thread-safe by itself: the emulator runs each action under
/// <see cref="Gate"/>, one at a time, which is plenty for an emulator and keeps every action atomic.
/// </summary>
internal sealed class InstanceStore
{
    private readonly Dictionary<string, EmulatedInstance> _byId = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, EmulatedInstance> _bySequence = [];

    public Lock Gate { get; } = new();

    public long NextSequence { get; private set; } = 1;

    public int Count => _byId.Count;

    public long TakeSequence() => NextSequence++;

    public void Add(EmulatedInstance instance)
    {
        _byId.Add(instance.InstanceId, instance);
        _bySequence.Add(instance.Sequence, instance);
    }

    public EmulatedInstance? Find(string instanceId) => _byId.GetValueOrDefault(instanceId);

    public bool Remove(string instanceId)
    {
        if (!_byId.Remove(instanceId, out var instance))
        {
            return false;
        }

        _bySequence.Remove(instance.Sequence);
        return true;
    }

    /// <summary>Every instance in creation order.</summary>
    public IEnumerable<EmulatedInstance> InOrder() => _bySequence.Values;

    public EcsInstanceSnapshot Snapshot(EmulatedInstance i, DateTimeOffset now) =>
        new(i.InstanceId, i.StatusAt(now), i.StoppedMode, i.InstanceType, i.ZoneId, i.ImageId, i.PrivateIp, i.CreatedAt, i.RunningAt, i.Tags, i.Latency);
}
