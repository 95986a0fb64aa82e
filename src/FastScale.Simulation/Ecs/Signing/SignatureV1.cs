using System.Security.Cryptography;
using System.Text;

namespace FastScale.Simulation.Ecs.Signing;

/// <summary>The server side of the legacy HMAC-SHA1 signature (SignatureVersion 1.0): every parameter but Signature is signed.</summary>
internal static class SignatureV1
{
    public static string StringToSign(string method, IEnumerable<KeyValuePair<string, string>> parametersWithoutSignature) =>
        $"{method.ToUpperInvariant()}&%2F&{AcsPercentEncoding.Encode(AcsPercentEncoding.CanonicalQuery(parametersWithoutSignature))}";

    /// <summary>Base64 of HMAC-SHA1 keyed with <c>secret&amp;</c>.</summary>
    public static string Sign(string secret, string stringToSign) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret + "&"), Encoding.UTF8.GetBytes(stringToSign)));
}
