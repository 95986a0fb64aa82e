namespace FastScale.Engine.NodeGroups;

public sealed record EngineError(EngineErrorKind Kind, string Message)
{
    public static EngineError GroupNotFound(string id) => new(EngineErrorKind.NotFound, $"node group '{id}' not found");
}
