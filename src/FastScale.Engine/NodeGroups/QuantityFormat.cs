using System.Globalization;

namespace FastScale.Engine.NodeGroups;

/// <summary>Writes a quantity the way Kubernetes prints it: cpu in cores or millicores, byte sizes with binary suffixes.</summary>
public static class QuantityFormat
{
    private static readonly (string Suffix, decimal Factor)[] Binary =
    [
        ("Ei", 1L << 60), ("Pi", 1L << 50), ("Ti", 1L << 40), ("Gi", 1L << 30), ("Mi", 1L << 20), ("Ki", 1L << 10),
    ];

    public static string Canonical(decimal value, string resource)
    {
        if (value == decimal.Truncate(value))
        {
            if (resource is "memory" or "ephemeral-storage" || resource.StartsWith("hugepages-", StringComparison.Ordinal))
            {
                foreach (var (suffix, factor) in Binary)
                {
                    if (value >= factor && value % factor == 0)
                    {
                        return (value / factor).ToString("0", CultureInfo.InvariantCulture) + suffix;
                    }
                }
            }

            return value.ToString("0", CultureInfo.InvariantCulture);
        }

        // Fractions only make sense for cpu-like resources: Kubernetes keeps millis.
        return decimal.Ceiling(value * 1000).ToString("0", CultureInfo.InvariantCulture) + "m";
    }
}
