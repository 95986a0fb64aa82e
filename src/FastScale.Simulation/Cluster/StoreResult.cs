using System.Text.Json.Nodes;

namespace FastScale.Simulation.Cluster;

/// <summary>The outcome of a store operation: the object as stored (a caller-owned copy), or the API error.</summary>
public readonly record struct StoreResult(JsonObject? Object, ApiError? Error)
{
    public bool IsSuccess => Error is null;

    internal static StoreResult From(Outcome outcome) =>
        new(outcome.Object?.ToJsonObject(), outcome.Error);
}

/// <summary>The internal form of <see cref="StoreResult"/>: the stored bytes, unparsed, for the HTTP front.</summary>
internal readonly record struct Outcome(StoredObject? Object, ApiError? Error)
{
    public static implicit operator Outcome(ApiError error) => new(null, error);

    public static implicit operator Outcome(StoredObject obj) => new(obj, null);
}
