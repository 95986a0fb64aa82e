namespace FastScale.Simulation.Nodes;

/// <summary>Where one instance's simulated kubelet is.</summary>
public enum SimulatedNodePhase
{
    /// <summary>Seen in the cloud, not Running yet; no Node.</summary>
    Provisioning,

    /// <summary>Running: the OS boots and the kubelet starts; the Node is created when the registration delay ends.</summary>
    Booting,

    /// <summary>The Node exists with Ready=False and the not-ready taint.</summary>
    Registered,

    /// <summary>Ready=True, the not-ready taint lifted.</summary>
    Ready,

    /// <summary>The instance stopped (warm pool) or is stopping: its Node, if any, is Ready=Unknown with the unreachable taint.</summary>
    Stopped,

    /// <summary>Running again after a stop, with a Node already there: it turns Ready after boot and readiness.</summary>
    Restarting,

    /// <summary>The fault plan says this kubelet never registers: no Node, ever.</summary>
    NeverRegisters,

    /// <summary>The instance's group is not in the policy, so there is no template to build a Node from.</summary>
    NoTemplate,
}
