using FastScale.Simulation.Ecs;
using FastScale.Simulation.Nodes;
using FastScale.Simulation.LatencyModel;

namespace FastScale.Serve;

/// <summary>What may differ between embedded worlds: <c>serve --embedded</c> takes the defaults, a burst sets them.</summary>
internal sealed class EmbeddedWorldOptions
{
    /// <summary>The latency profile; default: the emulator's built-in <c>default</c> profile.</summary>
    public LatencyProfile? Profile { get; init; }

    /// <summary>Seed of the emulator's and the kubelets' randomness, so a run repeats. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>No console logs: a thousand nodes would flood it. Default false.</summary>
    public bool Quiet { get; init; }

    /// <summary>The HTTP handler of the kubelets' ECS client (e.g. one that counts their calls); default a plain one.</summary>
    public HttpMessageHandler? KubeletEcsHandler { get; init; }

    /// <summary>Last word on the emulator's options (faults, limits), after the policy's images and vSwitches are set.</summary>
    public Action<EcsEmulatorOptions>? ConfigureEcs { get; init; }

    /// <summary>How long every write to the Kubernetes API simulator takes. Default zero.</summary>
    public TimeSpan ApiWriteLatency { get; init; }

    /// <summary>
    /// Sign the provider's calls with RRSA instead of the emulator's AccessKey: STS keys living this long, renewed ahead of
    /// expiry (the simulated kubelets keep the AccessKey: they stand in for machines). Default null: the AccessKey.
    /// </summary>
    public TimeSpan? RrsaCredentialLifetime { get; init; }

    /// <summary>Last word on the kubelets' and the scheduler's options (e.g. the scheduler's client rate).</summary>
    public Action<NodeSimulationOptions>? ConfigureNodes { get; init; }
}
