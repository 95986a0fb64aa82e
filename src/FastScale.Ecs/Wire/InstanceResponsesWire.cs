namespace FastScale.Ecs.Wire;

/// <summary>StartInstances and StopInstances answer alike: <c>InstanceResponses.InstanceResponse[]</c>.</summary>
internal sealed record InstanceResponsesWire(string? RequestId, InstanceResponsesWire.ResponseList? InstanceResponses) : IEcsAnswer
{
    internal sealed record ResponseList(List<Entry>? InstanceResponse);

    internal sealed record Entry(string? InstanceId, string? Code, string? Message, string? PreviousStatus, string? CurrentStatus);
}
