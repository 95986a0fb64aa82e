using FastScale.Ecs.Client;
using FastScale.Ecs.Credentials;

namespace FastScale.Serve;

/// <summary>Where the provider's ECS is (real Alibaba Cloud or the emulator) and how it signs in.</summary>
internal sealed record EcsConnection(EcsClientOptions Options, EcsCredentials Credentials)
{
    /// <summary>For the start-up line: the endpoint, never the credentials.</summary>
    public string Describe() => $"ECS {Options.RegionId} at {Options.Endpoint ?? $"ecs.{Options.RegionId}.aliyuncs.com"}";
}
