using FastScale.Engine.Policy;

namespace FastScale.Plan;

/// <summary>One value of a sweep: its label as given, its number when it has one (for the chart), and the policy it runs with.</summary>
internal sealed record PlanSweepValue(string Label, double? Number, Func<ScalePolicy, ScalePolicy> Apply);
