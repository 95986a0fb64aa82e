using System.Globalization;

namespace FastScale.Simulation.Nodes;

/// <summary>One sample of <see cref="NodeSimulationProgress"/>: the census, rates per second over
/// <see cref="Interval"/>, and the 429 answers received since the simulation started.</summary>
public sealed record NodeSimulationFigures(
    KubeletCensus Census,
    double RegistrationsPerSecond,
    double LeaseRenewalsPerSecond,
    double RequestsPerSecond,
    long Throttled,
    TimeSpan Interval)
{
    /// <summary>One line: "nodes 812 registered, 640 Ready | 20.3 registrations/s | 61.0 lease renewals/s, worst lag
    /// 0.21 s | 180.4 requests/s | 0 × 429".</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"nodes {Census.Registered} registered, {Census.Ready} Ready | {RegistrationsPerSecond:0.0} registrations/s | "
        + $"{LeaseRenewalsPerSecond:0.0} lease renewals/s, worst lag {Census.WorstLeaseLag.TotalSeconds:0.00} s | "
        + $"{RequestsPerSecond:0.0} requests/s | {Throttled} × 429");
}
