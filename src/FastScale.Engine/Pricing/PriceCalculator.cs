using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;

namespace FastScale.Engine.Pricing;

/// <summary>
/// Answers the autoscaler's price expander from the prices in the policy. Without prices there is no honest answer,
/// so the calls report <see cref="EngineErrorKind.NotConfigured"/> and the autoscaler falls back to another expander.
/// </summary>
public sealed class PriceCalculator(NodeGroupRegistry registry)
{
    public EngineResult<double> NodePrice(NodeGroup group, DateTimeOffset start, DateTimeOffset end)
    {
        if (group.Policy.Prices is not { } prices)
        {
            return new EngineError(EngineErrorKind.NotConfigured, $"node group '{group.Id}' has no prices in the policy");
        }

        return EngineResult<double>.Ok(prices.NodePerHour * Hours(start, end));
    }

    /// <summary>
    /// A pod's share of the cheapest priced node that could hold it: the larger of its cpu and memory fractions of that
    /// node's allocatable, times the node's price.
    /// </summary>
    public EngineResult<double> PodPrice(decimal cpuCores, decimal memoryBytes, DateTimeOffset start, DateTimeOffset end)
    {
        double? best = null;
        foreach (var group in registry.Groups)
        {
            if (group.Policy.Prices is not { } prices
                || !TryAllocatable(group, "cpu", out var cpu)
                || !TryAllocatable(group, "memory", out var memory)
                || cpuCores > cpu || memoryBytes > memory)
            {
                continue;
            }

            var share = (double)Math.Max(cpuCores / cpu, memoryBytes / memory);
            var price = prices.NodePerHour * share;
            best = best is null ? price : Math.Min(best.Value, price);
        }

        return best is { } value
            ? EngineResult<double>.Ok(value * Hours(start, end))
            : new EngineError(EngineErrorKind.NotConfigured, "no priced node group can hold this pod");
    }

    private static bool TryAllocatable(NodeGroup group, string resource, out decimal value)
    {
        value = 0;
        return group.Template.Allocatable.TryGetValue(resource, out var text) && Quantity.TryParse(text, out value) && value > 0;
    }

    private static double Hours(DateTimeOffset start, DateTimeOffset end) => Math.Max(0, (end - start).TotalHours);
}
