using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace FastScale.Metrics;

/// <summary>
/// The Kestrel endpoint of <c>--metrics</c> (/metrics, /healthz, /readyz), kept so the bound address can be read
/// back: Kestrel writes the port it was given by the OS into these options when it binds port 0.
/// </summary>
internal sealed class MetricsListener
{
    public ListenOptions? Options { get; set; }
}
