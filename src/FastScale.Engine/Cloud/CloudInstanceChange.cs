namespace FastScale.Engine.Cloud;

/// <summary>One instance's outcome within a Start/StopInstances call: <see cref="Error"/> is null when that instance succeeded.</summary>
public sealed record CloudInstanceChange(string InstanceId, CloudError? Error = null)
{
    public bool IsSuccess => Error is null;
}
