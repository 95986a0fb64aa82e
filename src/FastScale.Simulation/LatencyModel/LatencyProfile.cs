namespace FastScale.Simulation.LatencyModel;

/// <summary>
/// The time from the cloud accepting a request to the node being Ready, as a sum of phases, each a distribution; plus the
/// region's finite provisioning throughput and the faults of the emulated world. Loaded from YAML by
/// <see cref="LatencyProfileLoader"/>; the ECS emulator uses the provisioning phases, the kubelet simulation the rest.
/// </summary>
public sealed record LatencyProfile
{
    public required string Name { get; init; }

    /// <summary>How many instances per second the region starts provisioning: a burst beyond it queues.</summary>
    public required double ProvisioningPerSecond { get; init; }

    /// <summary>RunInstances: from the start of provisioning (after the regional queue) to Running.</summary>
    public required PhaseDistribution ColdProvisioning { get; init; }

    /// <summary>
    /// Whether a StartInstances waits its turn in the region's queue (<see cref="ProvisioningPerSecond"/>) like a create.
    /// Default false: a start only needs compute placed again. An assumption either way (see the profile file).
    /// </summary>
    public bool StartsWaitInCreateQueue { get; init; }

    /// <summary>StartInstances on a Stopped instance: from the start of provisioning to Running.</summary>
    public required PhaseDistribution StartProvisioning { get; init; }

    /// <summary>StopInstances: Stopping to Stopped.</summary>
    public required PhaseDistribution Stop { get; init; }

    /// <summary>OS boot after Running, per image kind (<c>prebaked</c>, <c>general</c>, …).</summary>
    public required IReadOnlyDictionary<string, PhaseDistribution> Boot { get; init; }

    /// <summary>The kind of an image no rule matches.</summary>
    public required string DefaultImageKind { get; init; }

    /// <summary>Image kinds by exact ImageId (case-sensitive, as ECS ids are); an entry here wins over <see cref="ImageRules"/>.</summary>
    public IReadOnlyDictionary<string, string> ImageKinds { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>First match wins.</summary>
    public IReadOnlyList<ImageRule> ImageRules { get; init; } = [];

    /// <summary>From boot to the kubelet's Node object existing.</summary>
    public required PhaseDistribution Registration { get; init; }

    /// <summary>From registration to the Node being Ready.</summary>
    public required PhaseDistribution Readiness { get; init; }

    public FaultShares Faults { get; init; } = FaultShares.None;

    /// <summary>
    /// The boot kind of an image: its exact entry in <see cref="ImageKinds"/>, else the first rule whose text the id
    /// contains, else <see cref="DefaultImageKind"/>.
    /// </summary>
    public string ImageKindOf(string? imageId)
    {
        if (!string.IsNullOrEmpty(imageId))
        {
            if (ImageKinds.TryGetValue(imageId, out var exact))
            {
                return exact;
            }

            foreach (var rule in ImageRules)
            {
                if (imageId.Contains(rule.Contains, StringComparison.OrdinalIgnoreCase))
                {
                    return rule.Kind;
                }
            }
        }

        return DefaultImageKind;
    }

    /// <summary>The boot distribution of an image (the loader guarantees every kind named has one).</summary>
    public PhaseDistribution BootOf(string? imageId) => Boot[ImageKindOf(imageId)];

    /// <summary>Samples what happens on an instance after Running: boot, then registration, then readiness.</summary>
    public NodeLifecycleSample SampleNodeLifecycle(string? imageId, Random random) =>
        new(BootOf(imageId).Sample(random), Registration.Sample(random), Readiness.Sample(random));
}
