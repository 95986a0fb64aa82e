namespace FastScale.Testing.Cloud;

public sealed class InMemoryCloudOptions
{
    /// <summary>Time from acceptance (or from a start) to Running. Default 3 s; tests use zero.</summary>
    public TimeSpan ProvisionDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Offerings answered with a stock-out, as "instanceType@zoneId". Applies to launches and to starts.</summary>
    public HashSet<string> OutOfStock { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Account quota: how many instances may exist at once. A launch creates what fits (at least MinAmount) and
    /// answers QuotaExceeded when not even MinAmount fits. Default: no limit.
    /// </summary>
    public int MaxInstances { get; set; } = int.MaxValue;

    /// <summary>
    /// Economical mode is not available to this account's instances: a stop that asks for it stops them in KeepCharging,
    /// as ECS does for an instance that does not qualify. Default false.
    /// </summary>
    public bool EconomicalModeUnavailable { get; set; }

    /// <summary>Instances a listing page holds, as ECS's DescribeInstances MaxResults. Default 100, ECS's largest.</summary>
    public int PageSize { get; set; } = 100;
}
