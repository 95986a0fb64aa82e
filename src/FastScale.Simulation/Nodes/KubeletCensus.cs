namespace FastScale.Simulation.Nodes;

/// <summary>
/// The kubelets at one moment: instances followed, Nodes registered (they exist in the API), Nodes Ready, and the
/// worst lease renewal lag of a Ready node: how far past <see cref="KubeletSimulatorOptions.NodeLeaseRenewInterval"/>
/// since its latest Lease write the clock is (zero while every Ready node renews on time). A node lifecycle controller
/// marks a node Unknown once that lag passes the lease duration minus the interval.
/// </summary>
public sealed record KubeletCensus(int Tracked, int Registered, int Ready, TimeSpan WorstLeaseLag);
