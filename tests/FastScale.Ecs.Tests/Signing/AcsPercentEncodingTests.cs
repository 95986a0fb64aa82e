using FastScale.Ecs.Signing;
using FsCheck.Xunit;

namespace FastScale.Ecs.Tests.Signing;

public sealed class AcsPercentEncodingTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("AZaz09-_.~", "AZaz09-_.~")]
    [InlineData("a b", "a%20b")]
    [InlineData("*", "%2A")]
    [InlineData("+", "%2B")]
    [InlineData("/", "%2F")]
    [InlineData(":", "%3A")]
    [InlineData("=&", "%3D%26")]
    [InlineData("%", "%25")]
    [InlineData("!'()", "%21%27%28%29")]
    [InlineData("[\"i-a\",\"i-b\"]", "%5B%22i-a%22%2C%22i-b%22%5D")]
    [InlineData("é", "%C3%A9")]
    [InlineData("中", "%E4%B8%AD")]
    [InlineData("\U0001F680", "%F0%9F%9A%80")]
    [InlineData("\n\t", "%0A%09")]
    public void Encode_Character_UsesRfc3986UpperCaseHex(string raw, string expected)
    {
        Assert.Equal(expected, AcsPercentEncoding.Encode(raw));
    }

    [Property]
    public bool Encode_AnyString_DecodesBackAndLeavesOnlyUnreservedOrEscapes(string? raw)
    {
        raw ??= string.Empty;
        // Lone surrogates cannot round-trip through UTF-8 in any encoder; they are not valid text.
        if (raw.Any(char.IsSurrogate) && !IsWellFormedUtf16(raw))
        {
            return true;
        }

        var encoded = AcsPercentEncoding.Encode(raw);
        return Uri.UnescapeDataString(encoded) == raw
            && encoded.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' or '%');
    }

    private static bool IsWellFormedUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
