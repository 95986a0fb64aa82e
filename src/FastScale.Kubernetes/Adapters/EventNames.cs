using System.Security.Cryptography;
using System.Text;

namespace FastScale.Kubernetes.Adapters;

/// <summary>
/// The name of an Event FastScale posts: the involved object's name, then <c>.fastscale-</c> and a hash of what makes
/// the fact itself, so posting the same fact again (a restart, a second replica) meets AlreadyExists instead of making a
/// second Event.
/// </summary>
internal static class EventNames
{
    public static string For(string objectName, string fact)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(fact));
        var suffix = Convert.ToHexStringLower(hash.AsSpan(0, 6));
        // Event names follow the object's name, as kubectl users expect; 253 is the limit for a DNS subdomain name.
        var prefix = objectName.Length > 230 ? objectName[..230] : objectName;
        return $"{prefix}.fastscale-{suffix}";
    }
}
