using System.Security.Cryptography;
using System.Text;

namespace FastScale.Ecs.Signing;

/// <summary>
/// Signature V1 (<c>HMAC-SHA1</c>, the legacy RPC signature), as pure functions. Every parameter, the common ones
/// included, is in the query; <c>Signature</c> itself is left out of what is signed.
/// </summary>
public static class AcsSignatureV1
{
    public const string SignatureMethod = "HMAC-SHA1";
    public const string SignatureVersion = "1.0";
    public const string SignatureParameter = "Signature";

    /// <summary>Sorted, RFC 3986-encoded <c>k=v</c> pairs of every parameter but <c>Signature</c>.</summary>
    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> parameters) =>
        Signing.CanonicalQuery.Build(parameters, SignatureParameter);

    /// <summary><c>METHOD&amp;%2F&amp;</c> + percentEncode(canonical query).</summary>
    public static string StringToSign(string method, string canonicalQuery)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(canonicalQuery);
        return method.ToUpperInvariant() + "&%2F&" + AcsPercentEncoding.Encode(canonicalQuery);
    }

    /// <summary>Base64 HMAC-SHA1 keyed with <c>secret + "&amp;"</c>.</summary>
    public static string Sign(string stringToSign, string accessKeySecret)
    {
        ArgumentNullException.ThrowIfNull(stringToSign);
        ArgumentNullException.ThrowIfNull(accessKeySecret);
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(accessKeySecret + "&"), Encoding.UTF8.GetBytes(stringToSign));
        return Convert.ToBase64String(mac);
    }

    /// <summary>The whole computation in one call, from the decoded parameters (a <c>Signature</c> among them is ignored).</summary>
    public static string ComputeSignature(string method, IEnumerable<KeyValuePair<string, string>> parameters, string accessKeySecret) =>
        Sign(StringToSign(method, CanonicalQuery(parameters)), accessKeySecret);
}
