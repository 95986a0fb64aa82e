using FastScale.Engine.Leadership;
using FastScale.Engine.NodeGroups;

namespace FastScale.Engine;

/// <summary>
/// The parts of a composed engine a host needs before its container is built: the gRPC service answers from the
/// <see cref="Engine"/>, health and metrics read the <see cref="Registry"/>.
/// </summary>
public sealed record FastScaleEngine(NodeGroupRegistry Registry, NodeGroupEngine Engine, ScaleSignal Signal, ReplicaRole Role);
