using System.Globalization;

namespace FastScale.Simulation.Nodes;

/// <summary>Resource names a kubelet reports, and its way of writing their amounts (memory and storage in Ki, as a
/// kubelet reads them from the machine; cpu in cores or millicores).</summary>
internal static class KubeletResources
{
    public const string Cpu = "cpu";
    public const string Memory = "memory";
    public const string Pods = "pods";
    public const string EphemeralStorage = "ephemeral-storage";

    public static string Format(string resource, decimal amount)
    {
        if (resource is Memory or EphemeralStorage)
        {
            return amount % 1024 == 0
                ? (amount / 1024).ToString("0", CultureInfo.InvariantCulture) + "Ki"
                : decimal.Ceiling(amount).ToString("0", CultureInfo.InvariantCulture);
        }

        return amount == decimal.Truncate(amount)
            ? amount.ToString("0", CultureInfo.InvariantCulture)
            : decimal.Ceiling(amount * 1000).ToString("0", CultureInfo.InvariantCulture) + "m";
    }
}
