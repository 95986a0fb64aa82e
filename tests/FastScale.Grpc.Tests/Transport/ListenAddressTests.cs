using System.Net;
using FastScale.Grpc.Transport;

namespace FastScale.Grpc.Tests.Transport;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:8086", "127.0.0.1", 8086)]
    [InlineData("0.0.0.0:8086", "0.0.0.0", 8086)]
    [InlineData("localhost:0", "127.0.0.1", 0)]
    [InlineData("[::1]:9464", "::1", 9464)]
    [InlineData("*:8086", "0.0.0.0", 8086)]
    public void Parse_ValidAddress_GivesTheEndpoint(string value, string address, int port)
    {
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), ListenAddress.Parse(value));
    }

    [Theory]
    [InlineData("8086", "HOST:PORT")]
    [InlineData("127.0.0.1:", "HOST:PORT")]
    [InlineData("127.0.0.1:http", "port must be a number")]
    [InlineData("127.0.0.1:70000", "port must be a number")]
    [InlineData("fastscale.svc:8086", "host must be an IP address")]
    public void TryParse_InvalidAddress_SaysWhatWasExpected(string value, string expected)
    {
        Assert.False(ListenAddress.TryParse(value, out _, out var error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void GrpcListenOptions_PartialTlsAndMissingFiles_ReportsEveryProblem()
    {
        var options = new GrpcListenOptions { Listen = "nowhere", KeyFile = "/no/such/server.key" };

        var problems = options.Validate();

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("--listen:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("missing: --cert, --cacert", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("--key: file '/no/such/server.key' does not exist", StringComparison.Ordinal));
    }
}
