using System.Globalization;
using System.Net;

namespace FastScale.Simulation.Ecs;

/// <summary>
/// Parses HOST:PORT (<c>127.0.0.1:0</c>, <c>[::1]:8080</c>, <c>localhost:8080</c>, <c>0.0.0.0:8080</c>).
/// </summary>
/// <remarks>
/// Same purpose as FastScale.Grpc's <c>Transport/ListenAddress</c>, kept on purpose: the simulators must not depend on
/// the provider's transport project (they are the world the provider is tested against), and 40 lines do not justify a
/// shared project. If a shared low-level project appears, both should move there.
/// </remarks>
public static class ListenAddress
{
    public static bool TryParse(string? text, out IPEndPoint endpoint, out string problem)
    {
        endpoint = new IPEndPoint(IPAddress.Loopback, 0);
        problem = "";
        var colon = text?.LastIndexOf(':') ?? -1;
        if (text is null || colon <= 0)
        {
            problem = $"expected HOST:PORT, got \"{text}\"";
            return false;
        }

        var host = text[..colon].Trim('[', ']');
        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            problem = $"expected a port 0-65535 after the last colon, got \"{text}\"";
            return false;
        }

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            endpoint = new IPEndPoint(IPAddress.Loopback, port);
            return true;
        }

        if (!IPAddress.TryParse(host, out var address))
        {
            problem = $"expected an IP address or localhost as HOST, got \"{host}\"";
            return false;
        }

        endpoint = new IPEndPoint(address, port);
        return true;
    }
}
