using FastScale.Engine.Cloud;

namespace FastScale.Ecs.Client;

/// <summary>A request refused before it is sent, in the same shape as ECS's own parameter errors.</summary>
internal static class ParameterError
{
    public static CloudError Invalid(string parameter, string message) =>
        new(CloudErrorKind.InvalidRequest, "InvalidParameter." + parameter, message);
}
