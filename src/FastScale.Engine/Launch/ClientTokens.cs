using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FastScale.Engine.Launch;

/// <summary>
/// The ClientToken of a RunInstances call, derived only from what defines the request: cluster, group, the group's
/// launch-batch number, the offering and the amount.
/// </summary>
/// <remarks>
/// Why these inputs. A retry of the same call (timeout, 5xx, lost answer, throttle) must carry the same token, so ECS
/// returns the instances it already created instead of creating them again: every input is fixed for the life of the
/// batch. A token must also never be reused for another intent: ECS keeps a token's first answer (it documents no expiry)
/// and would hand a later scale-out the earlier instances, however long ago they were released. The batch number
/// carries that: <see cref="LaunchBatchSequence"/> never repeats one, across restarts and scale-downs included (it starts
/// from the clock). The price is that a restarted provider never repeats its predecessor's in-flight call: it finds
/// that call's instances by their tags instead, and asks for the rest under new tokens.
/// The offering and the amount are in the hash because ECS refuses a known token with other parameters
/// (IdempotentParameterMismatch): a fallback to the next offering, or the remainder of a partial fill, is a different
/// request and gets its own token; so does a retry after a capacity refusal, which ECS advises doing with a new token.
/// ECS accepts at most 64 ASCII characters; a hash keeps long cluster and group ids inside that. ECS's rules:
/// https://www.alibabacloud.com/help/en/ecs/developer-reference/how-to-ensure-idempotence and the ClientToken parameter
/// of https://www.alibabacloud.com/help/en/ecs/developer-reference/api-runinstances ("unique among different requests").
/// </remarks>
public static class ClientTokens
{
    public static string For(string clusterId, string groupId, long batch, Offering offering, int amount, bool warmPool = false)
    {
        ArgumentNullException.ThrowIfNull(offering);
        var seed = string.Join('\n',
            clusterId, groupId, batch.ToString(CultureInfo.InvariantCulture), offering.InstanceType, offering.ZoneId, offering.VSwitchId,
            amount.ToString(CultureInfo.InvariantCulture));
        if (warmPool)
        {
            // Warm and node batches draw from one sequence, so their numbers never coincide; the suffix keeps a warm
            // batch's token apart from a node batch's by construction as well (their tags, hence parameters, differ).
            seed += "\nwarm-pool";
        }

        return "fs-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..40];
    }
}
