using System.Globalization;
using System.Net;

namespace FastScale.Grpc.Transport;

/// <summary>A listen address as the command line takes it: <c>HOST:PORT</c> with an IP, <c>localhost</c>, or <c>[v6]:PORT</c>.</summary>
public static class ListenAddress
{
    public static IPEndPoint Parse(string value) =>
        TryParse(value, out var endpoint, out var error) ? endpoint : throw new FormatException(error);

    public static bool TryParse(string value, out IPEndPoint endpoint, out string error)
    {
        endpoint = null!;
        error = "";
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || colon == value.Length - 1)
        {
            error = $"'{value}' is not HOST:PORT (for example 127.0.0.1:8086)";
            return false;
        }

        var host = value[..colon].Trim('[', ']');
        if (!int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > IPEndPoint.MaxPort)
        {
            error = $"'{value}': port must be a number from 0 to {IPEndPoint.MaxPort}";
            return false;
        }

        IPAddress? address = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : host == "*" ? IPAddress.Any
            : IPAddress.TryParse(host, out var parsed) ? parsed : null;
        if (address is null)
        {
            error = $"'{value}': host must be an IP address, 'localhost' or '*'";
            return false;
        }

        endpoint = new IPEndPoint(address, port);
        return true;
    }
}
