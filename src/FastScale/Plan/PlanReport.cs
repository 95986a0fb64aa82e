namespace FastScale.Plan;

/// <summary>A plan's outcome: the scenario, the seed and profile, the swept parameter (null for a single run), and its rows.</summary>
internal sealed record PlanReport(string Scenario, int Nodes, string GroupId, int Seed, string Profile, string? Parameter, IReadOnlyList<PlanRow> Rows);
