namespace FastScale.LoadTests.Memory;

/// <summary>What one memory run measured: the world it built, what the provider reported seeing, and its memory.</summary>
internal sealed record MemoryRunResult
{
    public const long TargetBytes = 200L * 1024 * 1024;

    public required int Instances { get; init; }
    public required int Pods { get; init; }
    public required int PendingPods { get; init; }

    /// <summary>False when the provider did not report every object before the deadline (the figures below are then partial).</summary>
    public required bool Synced { get; init; }

    /// <summary>Provider start → every instance, node and pod reported on its /metrics.</summary>
    public required TimeSpan SyncTime { get; init; }

    public required int SeenInstances { get; init; }
    public required int SeenNodes { get; init; }
    public required int SeenUnboundPods { get; init; }
    public required int SeenBoundPods { get; init; }

    /// <summary>Unschedulable pods fast mode holds as demand.</summary>
    public required int SeenPendingPods { get; init; }

    /// <summary>RunInstances calls the provider made during the run (0 expected: every pending pod fits on a seeded node).</summary>
    public required long ProviderLaunches { get; init; }

    /// <summary>The kernel's peak resident set of the provider process (VmHWM), over its whole life.</summary>
    public required long PeakRssBytes { get; init; }

    /// <summary>Resident set at the end of the run, after the settle period.</summary>
    public required long RssBytes { get; init; }

    /// <summary>The anonymous part of <see cref="RssBytes"/> (RssAnon); the rest is mapped files.</summary>
    public required long AnonymousRssBytes { get; init; }

    /// <summary>Managed heap after the provider's last collection, at the end of the run.</summary>
    public required long GcHeapBytes { get; init; }

    /// <summary>The largest managed heap any scrape during the run reported.</summary>
    public required long PeakGcHeapBytes { get; init; }

    public required long GcCommittedBytes { get; init; }

    /// <summary>"server" or "workstation", as the provider itself reports.</summary>
    public required string GcMode { get; init; }

    /// <summary>What the run asked of the child's environment: "image" (none: as the container runs it) or a forced mode.</summary>
    public required string GcSetting { get; init; }

    /// <summary>What each of the provider's watch caches keeps, when the run was asked to measure it; else empty.</summary>
    public IReadOnlyList<(string Cache, int Objects, long Bytes)> Breakdown { get; init; } = [];

    public bool SawEverything =>
        Synced && SeenInstances == Instances && SeenNodes == Instances && SeenUnboundPods == PendingPods && SeenBoundPods == Pods - PendingPods;

    public bool MeetsTarget => SawEverything && PeakRssBytes <= TargetBytes;
}
