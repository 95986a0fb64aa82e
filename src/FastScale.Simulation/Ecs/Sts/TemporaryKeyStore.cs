using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace FastScale.Simulation.Ecs.Sts;

/// <summary>Temporary keys issued by the emulated STS and metadata service, remembered past expiry so a late caller hears "expired", not "unknown".</summary>
internal sealed class TemporaryKeyStore
{
    private readonly ConcurrentDictionary<string, IssuedKey> _keys = new(StringComparer.Ordinal);
    private int _issued;

    /// <summary>Keys issued so far.</summary>
    public int Issued => Volatile.Read(ref _issued);

    public IssuedKey Issue(DateTimeOffset now, TimeSpan lifetime)
    {
        // ECS's STS key ids start with "STS."; secrets and tokens are random, never derived from the seed, as real ones are.
        var key = new IssuedKey(
            "STS." + RandomText(12),
            RandomText(30),
            RandomText(48),
            now + lifetime);
        _keys[key.AccessKeyId] = key;
        Interlocked.Increment(ref _issued);
        return key;
    }

    public IssuedKey? Find(string accessKeyId) => _keys.GetValueOrDefault(accessKeyId);

    private static string RandomText(int length) =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);
}

/// <summary>One issued key; the emulator's clock decides when it stops working.</summary>
internal sealed record IssuedKey(string AccessKeyId, string AccessKeySecret, string SecurityToken, DateTimeOffset Expiration);
