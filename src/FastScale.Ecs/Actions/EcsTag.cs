namespace FastScale.Ecs.Actions;

/// <summary>A resource tag; sent as <c>Tag.N.Key/Value</c>, read back from <c>TagKey/TagValue</c>.</summary>
public readonly record struct EcsTag(string Key, string Value);
