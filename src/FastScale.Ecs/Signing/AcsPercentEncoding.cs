using System.Text;

namespace FastScale.Ecs.Signing;

/// <summary>
/// RFC 3986 percent-encoding as both ECS signature versions define it: only <c>A-Z a-z 0-9 - _ . ~</c> stay as they
/// are; every other UTF-8 byte becomes <c>%XX</c> with upper-case hex (so a space is <c>%20</c>, never <c>+</c>).
/// </summary>
public static class AcsPercentEncoding
{
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.All(IsUnreserved))
        {
            return value;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (b < 0x80 && IsUnreserved((char)b))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    private const string HexDigits = "0123456789ABCDEF";

    private static bool IsUnreserved(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~';
}
