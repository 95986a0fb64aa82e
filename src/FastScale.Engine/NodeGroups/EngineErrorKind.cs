namespace FastScale.Engine.NodeGroups;

/// <summary>Why the engine refused a request; the gRPC edge maps each to one status code.</summary>
public enum EngineErrorKind
{
    NotFound,
    InvalidArgument,
    FailedPrecondition,
    /// <summary>The engine cannot answer truthfully yet (e.g. its state is not recovered from the cloud).</summary>
    Unavailable,
    /// <summary>The optional feature is not configured (e.g. pricing without prices in the policy).</summary>
    NotConfigured,
}
