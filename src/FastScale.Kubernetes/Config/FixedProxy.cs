using System.Net;

namespace FastScale.Kubernetes.Config;

/// <summary>kubeconfig proxy-url: every request through one proxy, loopback included (WebProxy may bypass it),
/// with the URL's user information as the proxy's credentials.</summary>
internal sealed class FixedProxy : IWebProxy
{
    private readonly Uri _address;

    public FixedProxy(Uri address)
    {
        _address = new UriBuilder(address) { UserName = "", Password = "" }.Uri;
        if (!string.IsNullOrEmpty(address.UserInfo))
        {
            var parts = address.UserInfo.Split(':', 2);
            Credentials = new NetworkCredential(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
        }
    }

    public ICredentials? Credentials { get; set; }

    public Uri GetProxy(Uri destination) => _address;

    public bool IsBypassed(Uri host) => false;
}
