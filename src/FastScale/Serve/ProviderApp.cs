using System.Diagnostics.Metrics;
using FastScale.Ecs;
using FastScale.Engine;
using FastScale.Engine.Cloud;
using FastScale.Engine.Demand;
using FastScale.Engine.Launch;
using FastScale.Engine.Leadership;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Observability;
using FastScale.Engine.Pricing;
using FastScale.Engine.Reload;
using FastScale.Engine.Repair;
using FastScale.Engine.Rollout;
using FastScale.Engine.WarmPool;
using FastScale.Grpc.CloudProvider;
using FastScale.Grpc.Transport;
using FastScale.Kubernetes.Adapters;
using FastScale.Kubernetes.Adapters.Demand;
using FastScale.Kubernetes.Adapters.Leadership;
using FastScale.Kubernetes.Adapters.Nodes;
using FastScale.Kubernetes.Adapters.Readiness;
using FastScale.Kubernetes.Adapters.Repair;
using FastScale.Kubernetes.Adapters.Rollout;
using FastScale.Kubernetes.Client;
using FastScale.Metrics;
using FastScale.Serve.Reload;
using FastScale.Simulation.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FastScale.Serve;

/// <summary>
/// The composition root of the provider: every component and hosted service of <c>fastscale serve</c> is wired here,
/// so this one file shows the whole running system.
/// </summary>
internal static class ProviderApp
{
    public static WebApplication Build(ServeSettings settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        ConsoleLogging.Configure(builder.Logging);
        builder.Logging.SetMinimumLevel(settings.MinimumLogLevel);

        var metricsListener = new MetricsListener();
        var grpcLimits = new GrpcTransportOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            RequestLimits.Apply(kestrel, grpcLimits);
            kestrel.ListenGrpc(settings.Grpc);
            if (settings.MetricsListen is { } metrics)
            {
                var endpoint = ListenAddress.Parse(metrics);
                kestrel.Listen(endpoint, o =>
                {
                    o.Protocols = HttpProtocols.Http1;
                    metricsListener.Options = o;
                });
            }
        });

        var time = settings.Time;
        var services = builder.Services;
        // Shutdown: in-flight cloud calls get the reconciler's shutdown timeout, then the lease release a few seconds;
        // the total stays well inside a pod's 30 s grace period.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.Reconciler.ShutdownTimeout + TimeSpan.FromSeconds(5));
        services.AddSingleton(time);
        if (!settings.OwnsProcessSignals)
        {
            services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        }

        if (settings.Ecs is { } ecs)
        {
            services.AddEcsCloud(ecs.Options, ecs.Credentials, settings.EcsHandler);
        }
        else
        {
            services.AddSingleton(settings.Cloud ?? throw new ArgumentException("serve needs a cloud: an ECS connection or a supplied ICloud", nameof(settings)));
        }

        // The engine as burst and plan run it too. Without leader election this replica always leads; with it, it
        // follows until it holds the lease.
        var (registry, engine, _, role) = services.AddFastScaleEngine(settings.Policy, new FastScaleEngineOptions
        {
            Role = settings.LeaderElection is null ? ReplicaRole.Single() : ReplicaRole.Elected(),
            Reconciler = settings.Reconciler,
        });
        var provider = new CloudProviderService(engine, new PriceCalculator(registry));

        if (settings.Kubernetes is { } kubernetes)
        {
            services.AddSingleton(sp => KubernetesApiClientFactory.Create(kubernetes, settings.KubernetesClient, time, sp.GetRequiredService<ILoggerFactory>()));
            services.AddSingleton<NodeCache>();
            services.AddHostedService(sp => sp.GetRequiredService<NodeCache>());
            services.AddFastModeSources(sp =>
            {
                var (client, nodes, logging) = (sp.GetRequiredService<IKubernetesApiClient>(), sp.GetRequiredService<NodeCache>(), sp.GetRequiredService<ILoggerFactory>());
                return new FastModeSources(
                    KubernetesPendingPodSource.CreateInformer(client, time, logging), BoundPodLedger.CreateInformer(client, time, logging),
                    nodes.ByProviderId, name => nodes.Informer.Get(name) is not null, () => nodes.Informer.HasSynced && nodes.Informer.IsCurrent);
            });
            services.AddHostedService(sp => new NodeLifecycleFeed(registry, sp.GetRequiredService<NodeCache>().Informer));
            services.AddSingleton<INodeHealthSource>(sp => new KubernetesNodeHealthSource(sp.GetRequiredService<NodeCache>().Informer));
            services.AddSingleton<KubernetesDemandEvents>();
            services.AddSingleton<IDemandEvents>(sp => sp.GetRequiredService<KubernetesDemandEvents>());
            services.AddHostedService(sp => sp.GetRequiredService<KubernetesDemandEvents>());
            // The drainer and the rollout's Events; the drainer is called only by the leader's rollout.
            services.AddKubernetesRollout(sp => sp.GetRequiredService<NodeCache>().Informer, environment: settings.Environment);
            if (settings.LeaderElection is { } election)
            {
                // Before the reconciler: the host stops services in reverse order, so the lease is released only after
                // the reconciler has let its in-flight cloud calls finish.
                var podLabel = settings.LeaderPodLabel;
                services.AddSingleton(sp => new LeaderElectionService(
                    sp.GetRequiredService<IKubernetesApiClient>(), election, role, time, sp.GetRequiredService<ILoggerFactory>(),
                    competeAfter: podLabel is null ? null : sp.GetRequiredService<LeaderPodLabel>().Cleared));
                services.AddHostedService(sp => sp.GetRequiredService<LeaderElectionService>());
                if (podLabel is not null)
                {
                    // After the elector, so the host stops it first: the pod leaves the leader-only Service before the
                    // lease is released. The elector waits for its start-up clear before competing.
                    services.AddSingleton(sp => new LeaderPodLabel(
                        sp.GetRequiredService<IKubernetesApiClient>(), podLabel, role, time, sp.GetRequiredService<ILogger<LeaderPodLabel>>()));
                    services.AddHostedService(sp => sp.GetRequiredService<LeaderPodLabel>());
                }
            }
        }

        // Runs on every replica: rebuilds the groups from the cloud; launches, releases and polls only while leading.
        services.AddHostedService(sp => sp.GetRequiredService<NodeGroupReconciler>());
        if (settings.PolicyReload is { } reload)
        {
            // Every replica, not only the leader: a follower that takes over must already hold the policy in force.
            services.AddSingleton(reload);
            services.AddSingleton<PolicyFileReloader>();
            services.AddHostedService(sp => sp.GetRequiredService<PolicyFileReloader>());
        }

        if (settings.Kubernetes is not null)
        {
            // Leader only: every hosted service registered in this block changes the cloud or the cluster, and runs only
            // while this replica leads and has rebuilt its groups.
            var leaderOnlyFrom = services.Count;

            // Fast mode: pending pods straight from a watch, so instances start moving before the autoscaler's next loop.
            services.AddDemand();

            // Repair judges instances by their nodes, so it runs only where the cluster can be seen.
            services.AddRepair();
            // After repair: a rollout halts while the group's repair brake holds.
            services.AddRollout();
            services.AddHostedService(sp => new WarmNodeGuard(
                sp.GetRequiredService<NodeCache>().Informer,
                sp.GetRequiredService<WarmPoolManager>().IsWarm,
                sp.GetRequiredService<IKubernetesApiClient>(),
                time,
                sp.GetRequiredService<ILogger<WarmNodeGuard>>()));
            LeaderOnlyServices.GateFrom(services, leaderOnlyFrom);
        }

        services.AddSingleton(grpcLimits);
        services.AddGrpcTransport(provider.Register);

        // Metrics: instruments live with their features; the exporter serves this app's FastScale meters at /metrics.
        services.AddSingleton(metricsListener);
        var groupIds = settings.Policy.NodeGroups.Select(g => g.Id).ToList();
        // Fast mode, readiness and repair exist only with a view of the cluster; so do their series. Reloads only with a policy file.
        List<MetricSeriesDeclaration> declared = settings.Kubernetes is null
            ? []
            : [.. DemandMetrics.SeriesFor(groupIds), .. RepairMetrics.SeriesFor(groupIds), .. NodeReadinessMetrics.SeriesFor(groupIds),
                .. RolloutMetrics.SeriesFor(groupIds), .. RolloutEvictionMetrics.SeriesFor(groupIds)];
        if (settings.PolicyReload is not null)
        {
            declared.AddRange(PolicyReloadMetrics.Series);
        }

        services.AddPrometheusExporter(new PrometheusExporterOptions { DeclaredSeries = declared });
        if (settings.PolicyReload is not null)
        {
            services.AddMetricsSource(sp => new PolicyReloadMetrics(sp.GetRequiredService<PolicyReloader>(), sp.GetRequiredService<IMeterFactory>()));
        }

        services.AddMetricsSource(sp => new NodeGroupMetrics(registry, sp.GetRequiredService<IMeterFactory>()));
        services.AddMetricsSource(sp => new WarmPoolMetrics(registry, sp.GetRequiredService<WarmPoolManager>(), sp.GetRequiredService<IMeterFactory>()));
        services.AddMetricsSource(sp => new DriftMetrics(registry, sp.GetRequiredService<WarmPoolManager>(), sp.GetRequiredService<IMeterFactory>()));
        services.AddSingleton(new MetricsSource(sp => sp.GetRequiredService<CloudApiMetrics>()));
        if (settings.Kubernetes is not null)
        {
            services.AddSingleton(new MetricsSource(sp => sp.GetRequiredService<RepairMetrics>()));
            services.AddSingleton(new MetricsSource(sp => sp.GetRequiredService<RolloutMetrics>()));
            services.AddSingleton(new MetricsSource(sp => sp.GetRequiredService<RolloutEvictionMetrics>()));
            services.AddSingleton(new MetricsSource(sp => sp.GetRequiredService<DemandMetrics>()));
            services.AddMetricsSource(sp => new PendingPodMetrics(sp.GetRequiredService<IPendingPodSource>(), sp.GetRequiredService<IMeterFactory>()));
            services.AddMetricsSource(sp => new NodeReadinessMetrics(
                registry, sp.GetRequiredService<NodeCache>().Informer, time, sp.GetRequiredService<IMeterFactory>()));
            services.AddHostedService(sp => sp.GetRequiredService<NodeReadinessMetrics>());
            services.AddMetricsSource(sp => new KubernetesCacheMetrics(
                sp.GetRequiredService<NodeCache>(), sp.GetRequiredService<KubernetesPendingPodSource>(),
                sp.GetRequiredService<BoundPodLedger>(), sp.GetRequiredService<IMeterFactory>()));
        }

        services.AddMetricsSource(sp => new LeaderMetrics(sp.GetRequiredService<IMeterFactory>(), isLeader: () => role.IsLeader));
        services.AddMetricsSource(sp => new ProcessMetrics(sp.GetRequiredService<IMeterFactory>()));

        var app = builder.Build();
        app.MapWhen(IsGrpc, grpc => grpc.UseUnavailableClosesConnection().UseGrpcTransport());
        app.UseBodylessRequests();
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", () => registry.IsRecovered
            ? Results.Text("ready\n")
            : Results.Text("recovering node groups from the cloud\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapPrometheusMetrics();
        return app;
    }

    /// <summary>The gRPC address the app listens on, once started (with port 0, the port the OS chose).</summary>
    public static Uri GrpcAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First());
    }

    /// <summary>The metrics listener's address once started (with port 0, the port the OS chose); null without one.</summary>
    public static Uri? MetricsAddress(WebApplication app) =>
        app.Services.GetRequiredService<MetricsListener>().Options?.IPEndPoint is { } bound ? new Uri($"http://{bound}") : null;

    /// <summary>One start-up line a person reads to know where the provider listens and what it runs on.</summary>
    public static void LogServing(WebApplication app, ServeSettings settings)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("FastScale.Serve");
        var grpc = GrpcAddress(app);
        Log.Serving(logger, grpc.Authority, settings.Grpc.UsesTls ? "mTLS" : "h2c", settings.MetricsListen ?? "off",
            settings.Policy.ClusterId, settings.Policy.Region, settings.Policy.NodeGroups.Count, settings.Ecs?.Describe() ?? "in-memory", settings.Kubernetes?.Server.ToString() ?? "none (fast mode off)");
        if (!settings.Grpc.UsesTls && !System.Net.IPAddress.IsLoopback(ListenAddress.Parse(settings.Grpc.Listen).Address))
        {
            Log.PlaintextExposed(logger, grpc.Authority);
        }
    }

    private static bool IsGrpc(HttpContext context) =>
        context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
}
