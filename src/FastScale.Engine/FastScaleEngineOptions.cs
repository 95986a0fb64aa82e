using FastScale.Engine.Launch;
using FastScale.Engine.Leadership;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.WarmPool;

namespace FastScale.Engine;

/// <summary>How <c>AddFastScaleEngine</c> composes the engine; every default is what <c>serve</c> runs with.</summary>
public sealed class FastScaleEngineOptions
{
    /// <summary>Single (always leads) unless leader election decides; see <see cref="ReplicaRole"/>.</summary>
    public ReplicaRole Role { get; init; } = ReplicaRole.Single();

    public ReconcilerOptions Reconciler { get; init; } = new();

    public LauncherOptions Launcher { get; init; } = new();

    public CloudApiBudgetOptions Budget { get; init; } = new();

    public WarmPoolOptions WarmPools { get; init; } = new();
}
