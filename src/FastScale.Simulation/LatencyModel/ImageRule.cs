namespace FastScale.Simulation.LatencyModel;

/// <summary>Images whose id contains <see cref="Contains"/> (case-insensitive) boot as <see cref="Kind"/>.</summary>
public sealed record ImageRule(string Contains, string Kind);
