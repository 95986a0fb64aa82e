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
}
