using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FastScale.Ecs.Signing;

/// <summary>
/// Signature V3 (<c>ACS3-HMAC-SHA256</c>), as pure functions of the request's parts. The client signs with it; a
/// server-side verifier calls <see cref="ComputeSignature"/> with the decoded query and the SignedHeaders the request
/// names, then compares with <see cref="SignaturesEqual"/>.
/// </summary>
public static class AcsSignatureV3
{
    public const string Algorithm = "ACS3-HMAC-SHA256";

    /// <summary>Hex SHA-256 of an empty body: the value of <c>x-acs-content-sha256</c> for RPC calls.</summary>
    public const string EmptyBodySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>Sorted <c>k=v</c> pairs, names and values RFC 3986-encoded; a parameter without value gives <c>k=</c>.</summary>
    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> parameters) =>
        Signing.CanonicalQuery.Build(parameters);

    /// <summary>
    /// The headers a sender signs: every <c>x-acs-*</c>, <c>host</c> and <c>content-type</c>, lower-cased, distinct
    /// and sorted ordinally. This is also the SignedHeaders list, in order.
    /// </summary>
    public static IReadOnlyList<string> SelectSignedHeaders(IEnumerable<string> headerNames)
    {
        ArgumentNullException.ThrowIfNull(headerNames);
        return headerNames
            .Select(static name => name.ToLowerInvariant())
            .Where(static name => name is "host" or "content-type" || name.StartsWith("x-acs-", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// <c>name:value\n</c> for each of <paramref name="signedHeaders"/> (lower-cased, sorted), values trimmed. Header
    /// names are looked up case-insensitively; a signed header that is absent counts as empty, so the signature
    /// simply fails to match.
    /// </summary>
    public static string CanonicalHeaders(IEnumerable<KeyValuePair<string, string>> headers, IEnumerable<string> signedHeaders)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(signedHeaders);
        var lookup = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            lookup[name] = value;
        }

        var builder = new StringBuilder();
        foreach (var name in NormalizeSignedHeaders(signedHeaders))
        {
            var value = lookup.TryGetValue(name, out var found) ? found.Trim() : string.Empty;
            builder.Append(name).Append(':').Append(value).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary><c>METHOD\nPATH\nCanonicalQuery\nCanonicalHeaders\nSignedHeaders\nbodySha256Hex</c>. RPC calls use path <c>/</c>.</summary>
    public static string CanonicalRequest(
        string method,
        string path,
        IEnumerable<KeyValuePair<string, string>> query,
        IEnumerable<KeyValuePair<string, string>> headers,
        IEnumerable<string> signedHeaders,
        string bodySha256Hex)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(bodySha256Hex);
        var names = NormalizeSignedHeaders(signedHeaders);
        return string.Join(
            '\n',
            method.ToUpperInvariant(),
            path,
            CanonicalQuery(query),
            CanonicalHeaders(headers, names),
            string.Join(';', names),
            bodySha256Hex);
    }

    /// <summary><c>ACS3-HMAC-SHA256\n</c> + hex SHA-256 of the canonical request.</summary>
    public static string StringToSign(string canonicalRequest) =>
        Algorithm + "\n" + HexSha256(canonicalRequest);

    /// <summary>Lower-case hex HMAC-SHA256 of <paramref name="stringToSign"/> keyed with the AccessKeySecret.</summary>
    public static string Sign(string stringToSign, string accessKeySecret)
    {
        ArgumentNullException.ThrowIfNull(stringToSign);
        ArgumentNullException.ThrowIfNull(accessKeySecret);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(accessKeySecret), Encoding.UTF8.GetBytes(stringToSign));
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>The whole computation in one call: canonical request → string to sign → signature.</summary>
    public static string ComputeSignature(
        string method,
        string path,
        IEnumerable<KeyValuePair<string, string>> query,
        IEnumerable<KeyValuePair<string, string>> headers,
        IEnumerable<string> signedHeaders,
        string bodySha256Hex,
        string accessKeySecret) =>
        Sign(StringToSign(CanonicalRequest(method, path, query, headers, signedHeaders, bodySha256Hex)), accessKeySecret);

    /// <summary><c>ACS3-HMAC-SHA256 Credential=id,SignedHeaders=a;b,Signature=hex</c> (no spaces after the commas).</summary>
    public static string AuthorizationHeader(string accessKeyId, IEnumerable<string> signedHeaders, string signature) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Algorithm} Credential={accessKeyId},SignedHeaders={string.Join(';', NormalizeSignedHeaders(signedHeaders))},Signature={signature}");

    /// <summary>Lower-case hex SHA-256 of UTF-8 text; for bodies pass the raw bytes to the other overload.</summary>
    public static string HexSha256(string text) => HexSha256(Encoding.UTF8.GetBytes(text));

    public static string HexSha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Constant-time comparison, so a verifier does not leak how much of a guessed signature was right.</summary>
    public static bool SignaturesEqual(string expected, string actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
    }

    private static List<string> NormalizeSignedHeaders(IEnumerable<string> signedHeaders) =>
        signedHeaders
            .Select(static name => name.Trim().ToLowerInvariant())
            .Where(static name => name.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
}
