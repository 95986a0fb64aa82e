using System.Text;
using Google.Protobuf;

namespace FastScale.Grpc.Tests.Interop.GrpcNet;

/// <summary>
/// A v1.Pod encoded by hand with the field numbers of upstream k8s.io/api core/v1, not with our protos/ subset, so a
/// wrong number in that subset cannot hide behind the same number used to encode it (client.mjs's wire.mjs does the same).
/// </summary>
internal static class PodBytes
{
    /// <summary>A pod with one container requesting the given cpu and memory quantities (e.g. "950m", "3584Mi").</summary>
    public static ByteString WithRequests(string cpu, string memory)
    {
        // map entry {key 1, value 2: Quantity{string 1}}
        byte[] Request(string name, string amount) => Field(2, [.. Text(1, name), .. Field(2, Text(1, amount))]);
        var resources = Field(8, [.. Request("cpu", cpu), .. Request("memory", memory)]); // Container.resources → ResourceRequirements.requests
        var container = Field(2, [.. Text(1, "app"), .. resources]); // PodSpec.containers
        return ByteString.CopyFrom(Field(2, container)); // Pod.spec
    }

    private static byte[] Text(int number, string value) => Field(number, Encoding.UTF8.GetBytes(value));

    private static byte[] Field(int number, byte[] payload)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        output.WriteTag(number, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(payload));
        output.Flush();
        return buffer.ToArray();
    }
}
