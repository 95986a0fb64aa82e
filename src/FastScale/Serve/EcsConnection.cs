using FastScale.Ecs.Client;
using FastScale.Ecs.Credentials;

namespace FastScale.Serve;

/// <summary>Where the provider's ECS is (real Alibaba Cloud or the emulator) and how it signs in.</summary>
/// <param name="Credentials">Asked per request, so refreshed STS credentials (RRSA, the ECS RAM role) are used as they arrive.</param>
internal sealed record EcsConnection(EcsClientOptions Options, ICredentialsProvider Credentials)
{
    /// <summary>For the start-up line: the endpoint and where credentials come from, never the credentials.</summary>
    public string Describe() => $"ECS {Options.RegionId} at {Options.Endpoint ?? $"ecs.{Options.RegionId}.aliyuncs.com"} with {Credentials.Source}";
}
