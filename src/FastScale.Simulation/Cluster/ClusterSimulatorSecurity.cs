using System.Security.Cryptography.X509Certificates;

namespace FastScale.Simulation.Cluster;

/// <summary>
/// TLS and authentication for the cluster simulator, off by default (plain HTTP, anyone accepted). With a server
/// certificate it serves HTTPS and asks for (does not require) a client certificate; with
/// <see cref="RequireAuthentication"/> a request that presents none of the accepted credentials gets the API
/// server's 401. Tokens and passwords can also be changed while it runs (<see cref="Http.ClusterAuthenticator"/>).
/// </summary>
public sealed class ClusterSimulatorSecurity
{
    /// <summary>With its private key; the simulator then listens for HTTPS only.</summary>
    public X509Certificate2? ServerCertificate { get; set; }

    /// <summary>Client certificates that chain to this authority authenticate as their subject's CN.</summary>
    public X509Certificate2? ClientCertificateAuthority { get; set; }

    /// <summary>Bearer token → user name.</summary>
    public Dictionary<string, string> Tokens { get; set; } = [];

    /// <summary>User name → password, for basic authentication.</summary>
    public Dictionary<string, string> Passwords { get; set; } = [];

    /// <summary>Answer 401 to a request no credential identifies. Default false: every request is served.</summary>
    public bool RequireAuthentication { get; set; }

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ServerCertificate is { HasPrivateKey: false })
        {
            problems.Add("Security.ServerCertificate has no private key");
        }

        if (ClientCertificateAuthority is not null && ServerCertificate is null)
        {
            problems.Add("Security.ClientCertificateAuthority needs Security.ServerCertificate (client certificates need TLS)");
        }

        return problems;
    }
}
