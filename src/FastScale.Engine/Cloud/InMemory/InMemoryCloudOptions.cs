namespace FastScale.Engine.Cloud.InMemory;

public sealed class InMemoryCloudOptions
{
    /// <summary>Time from acceptance to Running. Default 3 s; tests use zero.</summary>
    public TimeSpan ProvisionDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Offerings answered with a stock-out, as "instanceType@zoneId".</summary>
    public HashSet<string> OutOfStock { get; } = new(StringComparer.Ordinal);
}
