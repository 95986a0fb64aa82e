using System.Security.Cryptography;
using System.Text;

namespace FastScale.Simulation.Ecs.Signing;

/// <summary>
/// The server side of <c>ACS3-HMAC-SHA256</c>: rebuilds the canonical request from what arrived (decoded query
/// re-encoded, the headers the request says it signed, the hash of the body actually received) and computes the
/// signature the client should have sent.
/// </summary>
internal static class SignatureV3
{
    public const string Algorithm = "ACS3-HMAC-SHA256";

    /// <param name="signedHeaders">Lower-case header names with their received values, in the order of SignedHeaders.</param>
    public static string CanonicalRequest(
        string method,
        string path,
        IEnumerable<KeyValuePair<string, string>> query,
        IReadOnlyList<KeyValuePair<string, string>> signedHeaders,
        string hexBodyHash)
    {
        var headers = signedHeaders.OrderBy(h => h.Key, StringComparer.Ordinal).ToList();
        var builder = new StringBuilder();
        builder.Append(method.ToUpperInvariant()).Append('\n');
        builder.Append(string.IsNullOrEmpty(path) ? "/" : path).Append('\n');
        builder.Append(AcsPercentEncoding.CanonicalQuery(query)).Append('\n');
        foreach (var (name, value) in headers)
        {
            builder.Append(name).Append(':').Append(value.Trim()).Append('\n');
        }

        builder.Append('\n');
        builder.Append(string.Join(';', headers.Select(h => h.Key))).Append('\n');
        builder.Append(hexBodyHash);
        return builder.ToString();
    }

    public static string StringToSign(string canonicalRequest) => $"{Algorithm}\n{HexSha256(Encoding.UTF8.GetBytes(canonicalRequest))}";

    /// <summary>Lower-case hex HMAC-SHA256 keyed with the secret.</summary>
    public static string Sign(string secret, string stringToSign) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stringToSign)));

    public static string HexSha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
