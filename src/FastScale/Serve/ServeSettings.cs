using FastScale.Engine.Cloud;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Grpc.Transport;
using FastScale.Kubernetes.Adapters.Leadership;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Kubernetes.LeaderElection;
using FastScale.Serve.Reload;
using Microsoft.Extensions.Logging;

namespace FastScale.Serve;

/// <summary>Everything <see cref="ProviderApp"/> needs to start a provider, already parsed and validated.</summary>
internal sealed class ServeSettings
{
    public required ScalePolicy Policy { get; init; }

    /// <summary>Where the policy came from and how to notice it changing; null: the policy is fixed (the built-in sample, tests).</summary>
    public PolicyReloadOptions? PolicyReload { get; init; }

    public GrpcListenOptions Grpc { get; init; } = new();

    /// <summary>Health endpoints (and, later, /metrics) over HTTP/1.1; null to serve none.</summary>
    public string? MetricsListen { get; init; }

    /// <summary>The ECS the provider drives (Alibaba Cloud or the embedded emulator); null: <see cref="Cloud"/>.</summary>
    public EcsConnection? Ecs { get; init; }

    /// <summary>The cluster's API server (a kubeconfig, in-cluster, or the embedded simulator); null: no fast mode.</summary>
    public KubernetesClientConfig? Kubernetes { get; init; }

    public KubernetesClientOptions KubernetesClient { get; init; } = new();

    /// <summary>The ECS client's HTTP transport; null: the default. Burst runs put a fault between provider and cloud here.</summary>
    public HttpMessageHandler? EcsHandler { get; init; }

    /// <summary>Lease-based leader election among replicas (needs <see cref="Kubernetes"/>); null: this replica always leads.</summary>
    public LeaderElectionOptions? LeaderElection { get; init; }

    /// <summary>Label this replica's pod while it leads, for the leader-only Service (used only with <see cref="LeaderElection"/>); null: never label.</summary>
    public LeaderPodLabelOptions? LeaderPodLabel { get; init; }

    /// <summary>
    /// The raw cloud port when <see cref="Ecs"/> is null: tests and benchmarks supply a fake here. The engine still paces
    /// and counts every request it makes to it. One of the two must be set.
    /// </summary>
    public Func<IServiceProvider, ICloud>? Cloud { get; init; }

    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;

    public ReconcilerOptions Reconciler { get; init; } = new();

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Where the pod's identity (POD_NAME, POD_NAMESPACE from the downward API) is read: the process environment. A
    /// burst run's in-process provider is given the identity a Deployment's pod would have, so its Events land as in a
    /// cluster.
    /// </summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>
    /// False when the provider is one part of a bigger command (a burst's in-process provider): its host must then leave
    /// SIGTERM and Ctrl+C to the command, whose default console lifetime would answer them by stopping only the provider
    /// and cancelling the signal, so the command never learned it was asked to exit.
    /// </summary>
    public bool OwnsProcessSignals { get; init; } = true;
}
