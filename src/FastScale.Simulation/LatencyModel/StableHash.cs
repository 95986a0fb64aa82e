using System.Text;

namespace FastScale.Simulation.LatencyModel;

/// <summary>
/// A uniform number in [0, 1) from a seed and a name, identical across processes and runtimes (unlike
/// <see cref="string.GetHashCode()"/>, which is randomised per process): FNV-1a over the UTF-8 bytes, then the SplitMix64
/// finaliser to spread the bits.
/// </summary>
internal static class StableHash
{
    public static double Unit(int seed, string purpose, string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes($"{seed}\u001f{purpose}\u001f{name}"))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return (Mix(hash) >> 11) * (1.0 / (1UL << 53));
    }

    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
