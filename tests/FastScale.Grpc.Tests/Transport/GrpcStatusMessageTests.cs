using FastScale.Grpc.Transport;

namespace FastScale.Grpc.Tests.Transport;

public sealed class GrpcStatusMessageTests
{
    [Fact]
    public void Encode_PlainAscii_IsUnchanged()
    {
        Assert.Equal("node group g1 not found", GrpcStatusMessage.Encode("node group g1 not found"));
    }

    [Fact]
    public void Encode_PercentNewlineAndUnicode_AreEscapedAsUtf8Bytes()
    {
        Assert.Equal("100%25 full%0Azone %E6%9D%AD", GrpcStatusMessage.Encode("100% full\nzone 杭"));
    }

    [Theory]
    [InlineData("quota 95% used")]
    [InlineData("line one\r\nline two\ttab")]
    [InlineData("杭州 zone h is out of stock ✓")]
    public void Decode_OfEncode_GivesTheOriginal(string message)
    {
        Assert.Equal(message, GrpcStatusMessage.Decode(GrpcStatusMessage.Encode(message)));
    }

    [Fact]
    public void Decode_MalformedEscape_KeepsTheText()
    {
        Assert.Equal("50%x", GrpcStatusMessage.Decode("50%x"));
    }

    [Fact]
    public void Shorten_KeepsAMessageThatFits()
    {
        var message = new string('a', GrpcStatusMessage.MaxLength);
        Assert.Same(message, GrpcStatusMessage.Shorten(message));
    }

    [Fact]
    public void Shorten_KeepsTheBeginningAndTheEndOfALongMessageAndSaysHowMuchIsLeftOut()
    {
        var message = "node group 'general': " + new string('x', 300_000) + " and node 'stranger' is not ours";

        var shortened = GrpcStatusMessage.Shorten(message);

        Assert.InRange(shortened.Length, 1, GrpcStatusMessage.MaxLength);
        Assert.StartsWith("node group 'general': xxx", shortened);
        Assert.EndsWith("xxx and node 'stranger' is not ours", shortened);
        var marker = System.Text.RegularExpressions.Regex.Match(shortened, @" \[… (\d+) characters left out …\] ");
        Assert.True(marker.Success, shortened);
        var (head, tail) = (marker.Index, shortened.Length - marker.Index - marker.Length);
        Assert.Equal(message.Length, head + int.Parse(marker.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + tail);
        Assert.Equal(message[..head], shortened[..head]);
        Assert.Equal(message[^tail..], shortened[^tail..]);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    public void Shorten_NeverSplitsASurrogatePair(int before, int after)
    {
        // Characters outside the BMP (two UTF-16 units each), shifted so that each cut point falls inside a pair in
        // one of the cases.
        var message = new string('a', before) + string.Concat(Enumerable.Repeat("😀", 200_000)) + new string('b', after);

        var shortened = GrpcStatusMessage.Shorten(message);

        Assert.InRange(shortened.Length, 1, GrpcStatusMessage.MaxLength);
        for (var i = 0; i < shortened.Length; i++)
        {
            Assert.False(char.IsLowSurrogate(shortened[i]) && (i == 0 || !char.IsHighSurrogate(shortened[i - 1])), $"lone low surrogate at {i}");
            Assert.False(char.IsHighSurrogate(shortened[i]) && (i + 1 == shortened.Length || !char.IsLowSurrogate(shortened[i + 1])), $"lone high surrogate at {i}");
        }

        Assert.Equal(shortened, GrpcStatusMessage.Decode(GrpcStatusMessage.Encode(shortened)));
    }
}
