using System.Text.Json.Nodes;
using FastScale.Simulation.Ecs.Wire;

namespace FastScale.Simulation.Ecs.Actions;

/// <summary>
/// ClientToken → the first final answer and the parameters it was for, as ECS's "How to ensure idempotence" page
/// describes the token (https://www.alibabacloud.com/help/en/ecs/developer-reference/how-to-ensure-idempotence):
/// a repeat with the same parameters gets the first result again and changes nothing; a repeat with other parameters
/// gets IdempotentParameterMismatch. Tokens are case-sensitive (ordinal). Used under the store's lock.
/// </summary>
/// <remarks>
/// <para>
/// Which answers are final. The page tells a client to retry with the same token only after a 500 (InternalError),
/// a 503 (ServiceUnavailable) or no answer, and says a 4xx will not succeed on retry unless its message says to try
/// later; its Chinese edition adds that after a creation failed for lack of stock, the token should be changed once
/// stock is back (https://help.aliyun.com/zh/ecs/developer-reference/how-to-ensure-idempotence). So a 5xx and a
/// throttle (ECS's "try it later") are not remembered: a retry with the same token does the work. Any other refusal the
/// action decides after reading the token (no stock, zone not on sale, vSwitch out of IPs, quota) is remembered, and
/// the same token gets the same refusal again even after the stock returns. That last rule is our reading of the
/// advice, not a sentence ECS publishes (assumption): it is the stricter choice, and a client that follows ECS's advice
/// (a new token for a new attempt) works either way.
/// </para>
/// <para>
/// Lifetime. ECS documents no expiry for a ClientToken, so the emulator keeps every
/// token for its own lifetime (assumption). The stricter choice again: a client that reuses a token for a new intent,
/// however long after, is caught.
/// </para>
/// </remarks>
internal sealed class IdempotencyCache
{
    private readonly Dictionary<(string Action, string Token), (string Fingerprint, ActionOutcome Answer)> _entries = [];

    /// <summary>The first final answer under <paramref name="token"/>; a success body is a copy the caller may move.</summary>
    public bool TryGet(string action, string token, out string fingerprint, out ActionOutcome answer)
    {
        if (_entries.TryGetValue((action, token), out var entry))
        {
            fingerprint = entry.Fingerprint;
            answer = entry.Answer.Body is { } body ? (JsonObject)body.DeepClone() : entry.Answer;
            return true;
        }

        (fingerprint, answer) = ("", default);
        return false;
    }

    /// <summary>Keeps <paramref name="answer"/> for the token if it is final (see the remarks); a retryable refusal is not kept.</summary>
    public void Remember(string action, string token, string fingerprint, ActionOutcome answer)
    {
        if (answer.Error is { } error && IsRetryable(error))
        {
            return;
        }

        var kept = answer.Body is { } body ? (JsonObject)body.DeepClone() : answer;
        _entries[(action, token)] = (fingerprint, kept);
    }

    /// <summary>What ECS tells a client to retry with the same token: server errors and "try it later" (throttling).</summary>
    public static bool IsRetryable(EcsError error) => error.Status >= 500 || error.IsThrottling;
}
