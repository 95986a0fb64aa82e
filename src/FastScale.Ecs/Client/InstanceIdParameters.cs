using System.Globalization;
using FastScale.Engine.Cloud;

namespace FastScale.Ecs.Client;

/// <summary>The flattened <c>InstanceId.N</c> list that Start/Stop/DeleteInstances take (1–100 ids).</summary>
internal static class InstanceIdParameters
{
    public const int MaxIds = 100;

    public static CloudError? Validate(IReadOnlyList<string> instanceIds)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        if (instanceIds.Count is 0 or > MaxIds)
        {
            return ParameterError.Invalid("InstanceId", $"between 1 and {MaxIds} instance ids per call, got {instanceIds.Count}");
        }

        return instanceIds.Any(string.IsNullOrWhiteSpace) ? ParameterError.Invalid("InstanceId", "an instance id is empty") : null;
    }

    public static List<KeyValuePair<string, string>> Build(string regionId, IReadOnlyList<string> instanceIds)
    {
        var parameters = new List<KeyValuePair<string, string>>(instanceIds.Count + 3) { new("RegionId", regionId) };
        for (var i = 0; i < instanceIds.Count; i++)
        {
            parameters.Add(new("InstanceId." + (i + 1).ToString(CultureInfo.InvariantCulture), instanceIds[i]));
        }

        return parameters;
    }
}
