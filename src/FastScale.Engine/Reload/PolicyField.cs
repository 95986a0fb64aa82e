namespace FastScale.Engine.Reload;

/// <summary>One field of a policy section (the cluster-wide part, or a node group), how to read it and when it may change.</summary>
/// <param name="Name">The field's YAML key, as <c>fastscale validate</c> names it.</param>
public sealed record PolicyField<T>(string Name, ReloadScope Scope, Func<T, object?> Read);
