using System.Text.Json.Nodes;

namespace FastScale.Simulation.Ecs.Actions;

/// <summary>
/// ClientToken → the first successful answer and the parameters it was for. A repeat with the same parameters gets
/// that answer again (nothing new created); with other parameters, IdempotentParameterMismatch. Failed calls are not
/// remembered, so a retry after a throttle or a 503 does the work. Used under the store's lock.
/// </summary>
internal sealed class IdempotencyCache
{
    private readonly Dictionary<(string Action, string Token), (string Fingerprint, JsonObject Body)> _entries = [];

    public bool TryGet(string action, string token, out string fingerprint, out JsonObject body)
    {
        if (_entries.TryGetValue((action, token), out var entry))
        {
            (fingerprint, body) = (entry.Fingerprint, (JsonObject)entry.Body.DeepClone());
            return true;
        }

        (fingerprint, body) = ("", []);
        return false;
    }

    public void Remember(string action, string token, string fingerprint, JsonObject body) =>
        _entries[(action, token)] = (fingerprint, (JsonObject)body.DeepClone());
}
