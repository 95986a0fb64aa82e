using System.Text.RegularExpressions;

namespace FastScale.Engine.Policy.Reading;

/// <summary>Kubernetes' syntax for label keys and values, taint keys and resource names (apimachinery's validation).</summary>
internal static partial class KubernetesNames
{
    /// <summary>A label or taint key: an optional DNS-subdomain prefix and '/', then a name of at most 63 characters. Null when valid.</summary>
    public static string? CheckQualifiedName(string key)
    {
        const string Expected = "expected [prefix/]name where name is at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit, and prefix is a DNS subdomain";
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0)
        {
            var prefix = key[..slash];
            if (prefix.Length == 0 || prefix.Length > 253 || !DnsSubdomain().IsMatch(prefix))
            {
                return $"{Expected}; got prefix '{prefix}'";
            }
        }

        return name.Length is 0 or > 63 || !Name().IsMatch(name) ? $"{Expected}; got '{key}'" : null;
    }

    /// <summary>A label value: empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit. Null when valid.</summary>
    public static string? CheckLabelValue(string value) =>
        value.Length == 0 || (value.Length <= 63 && Name().IsMatch(value))
            ? null
            : $"expected at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit, got '{value}'";

    /// <summary>An extended resource: a domain-qualified name such as nvidia.com/gpu, outside the kubernetes.io domain; or hugepages-&lt;size&gt;.</summary>
    public static string? CheckExtendedResourceName(string name)
    {
        if (name.StartsWith("hugepages-", StringComparison.Ordinal) && Quantity.TryParse(name["hugepages-".Length..], out var size) && size > 0)
        {
            return null;
        }

        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return $"expected a domain-qualified name such as nvidia.com/gpu, got '{name}'";
        }

        var domain = name[..slash];
        if (domain == "kubernetes.io" || domain.EndsWith(".kubernetes.io", StringComparison.Ordinal))
        {
            return $"the kubernetes.io domain is reserved for Kubernetes' own resources, got '{name}'";
        }

        return CheckQualifiedName(name);
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex(@"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex Name();
}
