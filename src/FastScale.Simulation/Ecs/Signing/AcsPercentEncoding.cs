using System.Text;

namespace FastScale.Simulation.Ecs.Signing;

/// <summary>
/// RFC 3986 percent-encoding as ECS signs it: only <c>A-Z a-z 0-9 - _ . ~</c> stay as they are, every other UTF-8 byte
/// becomes <c>%XX</c> with upper-case hex (space is <c>%20</c>, <c>*</c> is <c>%2A</c>). Clients put some of those
/// characters on the wire unescaped (Node's querystring leaves <c>!'()*</c>), so a verifier decodes what it received
/// and re-encodes it with this before signing.
/// </summary>
internal static class AcsPercentEncoding
{
    private const string Hex = "0123456789ABCDEF";

    public static string Encode(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (IsUnreserved(b))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    /// <summary><c>k=v</c> pairs sorted by encoded name (then value), joined by <c>&amp;</c>: the canonical query of both versions.</summary>
    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters
            .Select(p => (Name: Encode(p.Key), Value: Encode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));

    private static bool IsUnreserved(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';
}
