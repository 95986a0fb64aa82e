namespace FastScale.Engine.Demand;

/// <summary>
/// A pod's toleration. An empty <paramref name="Key"/> with <see cref="TolerationOperator.Exists"/> tolerates every taint;
/// an empty <paramref name="Effect"/> tolerates every effect.
/// </summary>
public sealed record PodToleration(string Key, TolerationOperator Operator, string Value, string Effect);
