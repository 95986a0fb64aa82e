using System.Net;

namespace FastScale.Ecs.Endpoints;

/// <summary>
/// Where ECS calls go. An endpoint is written either as a full URL (<c>https://ecs.example:443</c>) or as
/// <c>HOST[:PORT]</c> without a scheme, as the official SDK takes it: plain HTTP when the host is a loopback address
/// (the emulator) and HTTPS anywhere else, so a typo can never send credentials in clear text over a network.
/// </summary>
public static class EcsEndpoint
{
    /// <summary>The public endpoint of a region.</summary>
    public static Uri ForRegion(string regionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(regionId);
        return new Uri($"https://ecs.{regionId}.aliyuncs.com/");
    }

    /// <summary>Parses an endpoint into a base URI with path <c>/</c>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? text, out Uri? endpoint, out string? error)
    {
        endpoint = null;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = "the endpoint is empty";
            return false;
        }

        return text.Contains("://", StringComparison.Ordinal)
            ? TryParseUrl(text, out endpoint, out error)
            : TryParseHostPort(text, out endpoint, out error);
    }

    /// <summary>True for <c>localhost</c> and any loopback IP (127.0.0.0/8, ::1).</summary>
    public static bool IsLoopbackHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var bare = host.Trim('[', ']');
        return string.Equals(bare, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(bare, out var address) && IPAddress.IsLoopback(address));
    }

    private static bool TryParseUrl(string text, out Uri? endpoint, out string? error)
    {
        endpoint = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            error = $"'{text}' is not an http:// or https:// URL";
            return false;
        }

        if (uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.AbsolutePath != "/")
        {
            error = $"'{text}' must have no user, path, query or fragment (ECS calls always go to /)";
            return false;
        }

        endpoint = new Uri($"{uri.Scheme}://{uri.Authority}/");
        error = null;
        return true;
    }

    private static bool TryParseHostPort(string text, out Uri? endpoint, out string? error)
    {
        endpoint = null;
        if (text.IndexOfAny(['/', '?', '#', '@', ' ']) >= 0
            || !Uri.TryCreate("http://" + text, UriKind.Absolute, out var probe)
            || probe.Host.Length == 0
            || (text.EndsWith(':')))
        {
            error = $"'{text}' is neither a URL nor HOST:PORT";
            return false;
        }

        if (!probe.IsDefaultPort && probe.Port == 0)
        {
            error = $"'{text}' has port 0";
            return false;
        }

        var scheme = IsLoopbackHost(probe.Host) ? "http" : "https";
        var explicitPort = HasExplicitPort(text);
        endpoint = new Uri(explicitPort ? $"{scheme}://{probe.Host}:{probe.Port}/" : $"{scheme}://{probe.Host}/");
        error = null;
        return true;
    }

    private static bool HasExplicitPort(string hostPort)
    {
        var afterBracket = hostPort.LastIndexOf(']');
        return hostPort.IndexOf(':', afterBracket + 1) >= 0;
    }
}
