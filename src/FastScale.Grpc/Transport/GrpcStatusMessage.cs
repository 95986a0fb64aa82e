using System.Text;

namespace FastScale.Grpc.Transport;

/// <summary>
/// The <c>grpc-message</c> trailer is percent-encoded UTF-8: bytes outside printable ASCII, and '%' itself, are sent
/// as %XX so any message survives an HTTP/2 header.
/// </summary>
public static class GrpcStatusMessage
{
    /// <summary>
    /// The longest status message sent, in characters. A message can quote what a caller sent (a node name, a group id),
    /// and a caller can send megabytes: clients cap response headers (Grpc.Net.Client at 64 KiB) and fail the whole
    /// call as INTERNAL when the trailer is larger, so the caller would lose the status it needs to see.
    /// </summary>
    public const int MaxLength = 4096;

    /// <summary>
    /// The message itself when it fits in <see cref="MaxLength"/>; else its beginning and its end with how much was left
    /// out between them (the end often names the culprit: "…, and node 'x' is not ours").
    /// </summary>
    public static string Shorten(string message)
    {
        if (message.Length <= MaxLength)
        {
            return message;
        }

        const int Tail = 512;
        var head = MaxLength - Tail - 64;

        // Never cut a surrogate pair in two: half a character would not encode as UTF-8.
        if (char.IsHighSurrogate(message[head - 1]))
        {
            head--;
        }

        var tailStart = message.Length - Tail;
        if (char.IsLowSurrogate(message[tailStart]))
        {
            tailStart++;
        }

        var omitted = tailStart - head;
        return string.Concat(message.AsSpan(0, head), $" [… {omitted} characters left out …] ", message.AsSpan(tailStart));
    }

    public static string Encode(string message)
    {
        var needsEncoding = false;
        foreach (var c in message)
        {
            if (c is < ' ' or > '~' or '%')
            {
                needsEncoding = true;
                break;
            }
        }

        if (!needsEncoding)
        {
            return message;
        }

        var builder = new StringBuilder(message.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is < (byte)' ' or > (byte)'~' or (byte)'%')
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append((char)b);
            }
        }

        return builder.ToString();
    }

    /// <summary>Decodes leniently: a malformed escape is kept as it is rather than losing the message.</summary>
    public static string Decode(string? value)
    {
        if (string.IsNullOrEmpty(value) || !value.Contains('%'))
        {
            return value ?? "";
        }

        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length && IsHex(value[i + 1]) && IsHex(value[i + 2]))
            {
                bytes.Add(Convert.ToByte(value.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
