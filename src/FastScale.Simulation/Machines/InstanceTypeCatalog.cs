using System.Globalization;
using System.Reflection;

namespace FastScale.Simulation.Machines;

/// <summary>
/// The instance types of the simulated world, read from the embedded <c>instance-types.txt</c> table. The ECS emulator
/// answers a DescribeInstances' <c>Cpu</c> and <c>Memory</c> from it, and a simulated kubelet reads its machine's
/// architecture from it, as a real kubelet knows its own hardware: neither asks the engine, so a mistake in the engine's
/// node template cannot be copied into the nodes it is checked against.
/// </summary>
public sealed class InstanceTypeCatalog
{
    private const string ResourceName = "FastScale.Simulation.instance-types.txt";
    private static readonly Lazy<InstanceTypeCatalog> EmbeddedCatalog = new(LoadEmbedded);
    private readonly Dictionary<string, InstanceTypeSpec> _types;

    private InstanceTypeCatalog(Dictionary<string, InstanceTypeSpec> types) => _types = types;

    /// <summary>The table compiled into the simulation.</summary>
    public static InstanceTypeCatalog Embedded => EmbeddedCatalog.Value;

    public IReadOnlyCollection<InstanceTypeSpec> All => _types.Values;

    public InstanceTypeSpec? Find(string instanceType) => _types.GetValueOrDefault(instanceType);

    /// <summary>Reads the table: one type a line (type, vcpus, memoryMiB, architecture, gpus), <c>#</c> starts a comment.</summary>
    public static InstanceTypeCatalog Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var types = new Dictionary<string, InstanceTypeSpec>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 5
                || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var cpu) || cpu < 1
                || !int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var memory) || memory < 1
                || fields[3] is not (InstanceTypeSpec.X86 or InstanceTypeSpec.Arm)
                || !int.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out var gpus)
                || !types.TryAdd(fields[0], new InstanceTypeSpec(fields[0], cpu, memory, fields[3], gpus)))
            {
                throw new FormatException(
                    $"instance type table, line {lineNumber}: expected a new type, vcpus ≥ 1, memory MiB ≥ 1, {InstanceTypeSpec.X86} or {InstanceTypeSpec.Arm}, gpus; got \"{line}\"");
            }
        }

        return new InstanceTypeCatalog(types);
    }

    private static InstanceTypeCatalog LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
