using System.Text.Json.Nodes;

namespace FastScale.Simulation.Cluster;

/// <summary>
/// A failure the API answers with a <c>Status</c> object (kind Status, status Failure): the HTTP code, the machine
/// reason clients switch on (NotFound, AlreadyExists, Conflict, Expired, Invalid, BadRequest…), and a message.
/// </summary>
public sealed record ApiError(int Code, string Reason, string Message)
{
    /// <summary>The <c>details</c> member (name, group, kind, causes), or null when the real server omits it.</summary>
    public JsonObject? Details { get; init; }

    public JsonObject ToStatus() => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = Message,
        ["reason"] = Reason,
        ["details"] = Details?.DeepClone(),
        ["code"] = Code,
    };

    public override string ToString() => $"{Code} {Reason}: {Message}";
}
