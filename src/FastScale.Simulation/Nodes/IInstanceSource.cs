using FastScale.Ecs.Actions;
using FastScale.Engine.Cloud;

namespace FastScale.Simulation.Nodes;

/// <summary>Where simulated kubelets learn which machines exist: every instance of the cluster, as the cloud reports it now.</summary>
public interface IInstanceSource
{
    /// <summary>The whole current list, or an error (then the caller keeps what it knew and asks again later).</summary>
    Task<CloudResult<IReadOnlyList<EcsInstance>>> ListAsync(CancellationToken cancellationToken);
}
