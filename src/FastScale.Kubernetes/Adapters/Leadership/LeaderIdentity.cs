using System.Globalization;

namespace FastScale.Kubernetes.Adapters.Leadership;

/// <summary>The default identity of a replica in the lease: the pod's name (POD_NAME, from the downward API), else the host name and process id.</summary>
internal static class LeaderIdentity
{
    public static string Default(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment("POD_NAME") is { Length: > 0 } pod)
        {
            return pod;
        }

        return $"{Environment.MachineName}-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";
    }
}
