using FastScale.Simulation.Ecs.Sts;
using FastScale.Simulation.Ecs.Wire;

namespace FastScale.Simulation.Ecs.Hosting;

/// <summary>
/// One emulator address stands for three services: ECS and STS (both RPC-style on <c>/</c>, told apart by the action)
/// and the instance metadata service (<c>/latest/…</c>). Clients take each address from their own setting, so tests
/// point all three at the same loopback port.
/// </summary>
public static class EmulatorRoutes
{
    public const string MetadataPrefix = "/latest/";

    public static bool IsMetadata(string path) => path.StartsWith(MetadataPrefix, StringComparison.Ordinal);

    /// <summary>ECS or STS, whichever the request's action names.</summary>
    public static EcsWireResponse HandleRpc(EcsEmulator emulator, EcsWireRequest request)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        return EmulatedSts.IsStsRequest(request) ? emulator.Sts.Handle(request) : emulator.Handle(request);
    }
}
