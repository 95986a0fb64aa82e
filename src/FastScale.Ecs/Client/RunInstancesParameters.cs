using System.Globalization;
using FastScale.Ecs.Actions;
using FastScale.Engine.Cloud;

namespace FastScale.Ecs.Client;

internal static class RunInstancesParameters
{
    public static CloudError? Validate(RunInstancesRequest request)
    {
        if (request.Amount is < 1 or > RunInstancesRequest.MaxAmount)
        {
            return ParameterError.Invalid("Amount", $"Amount must be 1-{RunInstancesRequest.MaxAmount}, got {request.Amount}");
        }

        if (request.MinAmount is { } min && (min < 1 || min > request.Amount))
        {
            return ParameterError.Invalid("MinAmount", $"MinAmount must be 1-{request.Amount}, got {min}");
        }

        if (request.Tags.Count > RunInstancesRequest.MaxTags)
        {
            return ParameterError.Invalid("Tag", $"at most {RunInstancesRequest.MaxTags} tags, got {request.Tags.Count}");
        }

        if (request.ClientToken is { } token
            && (token.Length > RunInstancesRequest.MaxClientTokenLength || !token.All(char.IsAscii)))
        {
            return ParameterError.Invalid("ClientToken", $"ClientToken must be ASCII and at most {RunInstancesRequest.MaxClientTokenLength} characters");
        }

        return null;
    }

    public static List<KeyValuePair<string, string>> Build(string regionId, RunInstancesRequest request)
    {
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("RegionId", regionId),
            new("Amount", request.Amount.ToString(CultureInfo.InvariantCulture)),
        };
        AddIfSet(parameters, "MinAmount", request.MinAmount?.ToString(CultureInfo.InvariantCulture));
        AddIfSet(parameters, "ClientToken", request.ClientToken);
        AddIfSet(parameters, "ImageId", request.ImageId);
        AddIfSet(parameters, "InstanceType", request.InstanceType);
        AddIfSet(parameters, "ZoneId", request.ZoneId);
        AddIfSet(parameters, "VSwitchId", request.VSwitchId);
        AddIfSet(parameters, "SecurityGroupId", request.SecurityGroupId);
        AddIfSet(parameters, "UserData", request.UserData);
        AddIfSet(parameters, "LaunchTemplateId", request.LaunchTemplateId);
        AddIfSet(parameters, "LaunchTemplateVersion", request.LaunchTemplateVersion?.ToString(CultureInfo.InvariantCulture));
        TagParameters.Add(parameters, request.Tags);
        return parameters;
    }

    private static void AddIfSet(List<KeyValuePair<string, string>> parameters, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            parameters.Add(new(name, value));
        }
    }
}
