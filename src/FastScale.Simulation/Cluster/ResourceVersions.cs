using System.Globalization;

namespace FastScale.Simulation.Cluster;

internal static class ResourceVersions
{
    /// <summary>Reads a resourceVersion query parameter; absent or empty means 0 ("any", or "most recent").</summary>
    public static bool TryParse(string? text, out long version)
    {
        version = 0;
        return string.IsNullOrEmpty(text) || (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version >= 0);
    }
}
