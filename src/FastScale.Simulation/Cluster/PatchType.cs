namespace FastScale.Simulation.Cluster;

/// <summary>The PATCH flavours the simulator understands, by their Content-Type.</summary>
public enum PatchType
{
    /// <summary><c>application/merge-patch+json</c> (RFC 7386).</summary>
    Merge,

    /// <summary><c>application/strategic-merge-patch+json</c>: merge patch with merge keys for known lists.</summary>
    StrategicMerge,

    /// <summary><c>application/json-patch+json</c> (RFC 6902).</summary>
    Json,
}
