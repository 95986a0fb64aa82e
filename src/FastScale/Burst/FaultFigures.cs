namespace FastScale.Burst;

/// <summary>
/// What the faults of a scenario did and how the run coped, in emulated seconds from t = 0 (null in scenarios
/// without faults). Blindness is the provider's: how long its node view was not current (<c>IsCurrent</c> false), sampled
/// every <see cref="FaultProbe.Interval"/>, so each figure is good to that interval.
/// </summary>
internal sealed record FaultFigures
{
    /// <summary>Total time the provider's node view was not current.</summary>
    public required double BlindSeconds { get; init; }

    /// <summary>When the view was first seen not current, and when it was last seen current again; null if never blind.</summary>
    public double? BlindFromSeconds { get; init; }

    public double? SeenAgainSeconds { get; init; }

    /// <summary>Repair passes that judged nothing because the view was not current.</summary>
    public long RepairBlindPasses { get; init; }

    /// <summary>Requests whose connection the API server reset while down, and open watches it cut.</summary>
    public long ApiRequestsRefused { get; init; }

    public long ApiWatchesCut { get; init; }

    /// <summary>Requests the API server held back in a slow spell.</summary>
    public long ApiRequestsDelayed { get; init; }

    /// <summary>Watchers the API server dropped for falling behind: a lost watch the client must resume or relist.</summary>
    public long ApiWatchersDropped { get; init; }

    /// <summary>Writes to the API by <c>client verb kind</c> (the provider is <c>fastscale</c>, the simulated kubelets and scheduler <c>fastscale-kubelets</c>).</summary>
    public IReadOnlyDictionary<string, long> ApiWrites { get; init; } = new Dictionary<string, long>();

    /// <summary>ECS calls the brownout answered 503, and those it carried out without answering.</summary>
    public long EcsServerErrors { get; init; }

    public long EcsTimeouts { get; init; }

    /// <summary>The provider's writes of one verb and kind (e.g. <c>POST events</c>, <c>PATCH nodes</c>).</summary>
    public long ProviderWrites(string verbAndKind) => ApiWrites.GetValueOrDefault($"{FaultProbe.ProviderAgent} {verbAndKind}");
}
