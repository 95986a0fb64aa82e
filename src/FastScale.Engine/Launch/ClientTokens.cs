using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FastScale.Engine.Launch;

/// <summary>
/// The ClientToken of a RunInstances call, derived only from what defines the request: cluster, group, the group's
/// launch-batch number, the offering and the amount.
/// </summary>
/// <remarks>
/// Why these inputs. A retry of the same call (timeout, 5xx, lost answer) must carry the same token, so ECS returns
/// the instances it already created instead of creating them again: every input is fixed for the life of the batch.
/// A random run id (the previous scheme) is lost with the process; a batch number that recovery continues from the
/// <c>fastscale.io/launch-batch</c> tags is not, so a restarted provider whose first batch repeats a call that was in
/// flight when it died (same group, number, offering and amount) gets that call's instances back. The offering and the
/// amount are in the hash because ECS refuses a known token with other parameters (IdempotentParameterMismatch):
/// a fallback to the next offering, or the remainder of a partial fill, is a different request and gets its own token.
/// ECS accepts at most 64 ASCII characters; a hash keeps long cluster and group ids inside that.
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
            // A warm batch is tagged differently: should a restart reuse its number for a node batch, ECS must not see
            // the same token with other parameters (IdempotentParameterMismatch). Node tokens stay as they were.
            seed += "\nwarm-pool";
        }

        return "fs-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..40];
    }
}
