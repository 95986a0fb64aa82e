using Google.Protobuf;

namespace FastScale.Grpc.Tests.Interop.GrpcNet;

/// <summary>Reads a message's fields off the wire without its generated type, to see the bytes the server really sent.</summary>
internal static class WireFields
{
    /// <summary>The length-delimited fields of a message by number (last one wins); other wire types are skipped.</summary>
    public static Dictionary<int, ByteString> LengthDelimitedFields(byte[] message)
    {
        var fields = new Dictionary<int, ByteString>();
        var input = new CodedInputStream(message);
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                fields[WireFormat.GetTagFieldNumber(tag)] = input.ReadBytes();
            }
            else
            {
                input.SkipLastField();
            }
        }

        return fields;
    }
}
