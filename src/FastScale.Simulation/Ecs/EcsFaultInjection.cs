using System.Collections.Concurrent;
using FastScale.Simulation.Ecs.FlowControl;
using FastScale.Simulation.LatencyModel;

namespace FastScale.Simulation.Ecs;

/// <summary>
/// Faults of the emulated region, set from the profile at start and changeable while it runs: stock per
/// instanceType@zone, free private IPs per vSwitch, capacity errors an offering answers to every RunInstances (e.g.
/// Zone.NotOnSale), the deterministic fault plan (instances that never reach Running, transient 503 share), and
/// one-shot errors for the next calls of an action. Thread-safe.
/// </summary>
public sealed class EcsFaultInjection
{
    private readonly StockLedger _stock;
    private readonly StockLedger _freeIps;
    private readonly ConcurrentDictionary<string, (string Code, int Status)> _offeringErrors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(string Code, int Status)>> _oneShots = new(StringComparer.Ordinal);
    private volatile FaultPlan _plan;

    internal EcsFaultInjection(FaultShares shares, StockLedger stock, StockLedger freeIps)
    {
        _stock = stock;
        _freeIps = freeIps;
        _plan = new FaultPlan(shares);
        foreach (var stockOut in shares.StockOuts)
        {
            stock.Set(stockOut.Key, stockOut.Available);
        }
    }

    /// <summary>The plan deciding which instances never reach Running and which calls fail with 503.</summary>
    public FaultPlan Plan => _plan;

    /// <summary>Replaces the plan (stock is left as it is: use <see cref="SetStock"/>).</summary>
    public void SetPlan(FaultShares shares) => _plan = new FaultPlan(shares);

    /// <summary>At most <paramref name="available"/> more instances of the type can run in the zone (0: sold out).</summary>
    public void SetStock(string instanceType, string zoneId, int available) => _stock.Set(StockOut.KeyOf(instanceType, zoneId), available);

    public void RemoveStockLimit(string instanceType, string zoneId) => _stock.Unlimit(StockOut.KeyOf(instanceType, zoneId));

    /// <summary>Remaining stock, or null when unlimited.</summary>
    public int? StockOf(string instanceType, string zoneId) => _stock.Available(StockOut.KeyOf(instanceType, zoneId));

    /// <summary>At most <paramref name="free"/> more instances can join the vSwitch until some of its instances are released.</summary>
    public void SetFreeIps(string vSwitchId, int free) => _freeIps.Set(vSwitchId, free);

    public void RemoveIpLimit(string vSwitchId) => _freeIps.Unlimit(vSwitchId);

    /// <summary>Free private IPs left in the vSwitch, or null when unlimited.</summary>
    public int? FreeIpsOf(string vSwitchId) => _freeIps.Available(vSwitchId);

    /// <summary>
    /// Every RunInstances for the type in the zone answers this capacity error (e.g. <c>Zone.NotOnSale</c>,
    /// <c>InvalidInstanceType.NotSupported</c>), with ECS's message for the codes it knows, until
    /// <see cref="ClearOfferingError"/>. Checked before stock and IPs, as a type not on sale has no stock to count.
    /// </summary>
    public void SetOfferingError(string instanceType, string zoneId, string code, int httpStatus = 403)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        _offeringErrors[StockOut.KeyOf(instanceType, zoneId)] = (code, httpStatus);
    }

    public void ClearOfferingError(string instanceType, string zoneId) => _offeringErrors.TryRemove(StockOut.KeyOf(instanceType, zoneId), out _);

    internal (string Code, int Status)? OfferingError(string instanceType, string zoneId) =>
        _offeringErrors.TryGetValue(StockOut.KeyOf(instanceType, zoneId), out var error) ? error : null;

    /// <summary>The next <paramref name="times"/> authenticated calls of <paramref name="action"/> fail with this code and status.</summary>
    public void FailNext(string action, string code, int httpStatus, int times = 1)
    {
        var queue = _oneShots.GetOrAdd(action, _ => new ConcurrentQueue<(string, int)>());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue((code, httpStatus));
        }
    }

    internal (string Code, int Status)? TakeOneShot(string action) =>
        _oneShots.TryGetValue(action, out var queue) && queue.TryDequeue(out var shot) ? shot : null;
}
