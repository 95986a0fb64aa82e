using System.CommandLine;
using FastScale.Ecs.Client;
using FastScale.Ecs.Credentials;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Grpc.Transport;
using FastScale.Kubernetes.Adapters.Leadership;
using FastScale.Kubernetes.Config;
using FastScale.Kubernetes.LeaderElection;
using FastScale.Serve;
using FastScale.Serve.Reload;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FastScale.Commands;

/// <summary><c>fastscale serve</c>: the externalgrpc cloud provider.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var policy = new Option<string?>("--policy") { Description = "Scale policy YAML (default with --embedded: the built-in sample policy)" };
        var listen = new Option<string>("--listen") { Description = "gRPC listen address HOST:PORT", DefaultValueFactory = _ => "127.0.0.1:8086" };
        var metrics = new Option<string>("--metrics") { Description = "Health and metrics listen address HOST:PORT", DefaultValueFactory = _ => "127.0.0.1:9464" };
        var embedded = new Option<bool>("--embedded") { Description = "Run against the built-in ECS emulator on loopback: no cloud account or cluster needed" };
        var key = new Option<string?>("--key") { Description = "TLS private key (PEM) of the gRPC server; with --cert and --cacert enables mTLS" };
        var cert = new Option<string?>("--cert") { Description = "TLS certificate (PEM) of the gRPC server" };
        var cacert = new Option<string?>("--cacert") { Description = "CA (PEM) that client certificates must chain to" };
        var ecsEndpoint = new Option<string?>("--ecs-endpoint")
        {
            Description = "ECS endpoint: a URL, or HOST:PORT (plain HTTP on loopback, HTTPS elsewhere). Default https://ecs.<region>.aliyuncs.com",
        };
        var credentials = new Option<string?>("--credentials-file")
        {
            Description = "JSON file with access_key_id, access_key_secret and optional security_token. Default: the credential chain " +
                "(ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET, then RRSA's ALIBABA_CLOUD_ROLE_ARN/OIDC_PROVIDER_ARN/OIDC_TOKEN_FILE, then the ECS RAM role)",
        };
        var stsEndpoint = new Option<string?>("--sts-endpoint")
        {
            Description = "STS endpoint for RRSA's AssumeRoleWithOIDC: a URL or HOST:PORT. Default: ALIBABA_CLOUD_STS_REGION's endpoint, else the central one",
        };
        var metadataEndpoint = new Option<string?>("--metadata-endpoint")
        {
            Description = "ECS metadata service for the instance RAM role (an http:// URL). Default http://100.100.100.200",
        };

        var kubeconfig = new Option<string?>("--kubeconfig")
        {
            Description = "kubeconfig file of the cluster, for fast mode. Default: the KUBECONFIG list (merged as kubectl merges it), " +
                "else in-cluster config when run in a pod. Supports tokens, token files, client certificates, username/password, " +
                "exec plugins, tls-server-name, proxy-url and impersonation; anything else is refused at start",
        };
        var context = new Option<string?>("--context") { Description = "kubeconfig context to use. Default: current-context" };

        var leaderElect = new Option<bool?>("--leader-elect")
        {
            Description = "Lease-based leader election among replicas: only the leader changes the cloud. Default: on when a Kubernetes API is configured",
        };
        var leaseName = new Option<string>("--leader-elect-lease-name") { Description = "Name of the coordination.k8s.io Lease", DefaultValueFactory = _ => "fastscale" };
        var leaseNamespace = new Option<string?>("--leader-elect-namespace") { Description = "Namespace of the Lease. Default: POD_NAMESPACE, else kube-system" };
        var identity = new Option<string?>("--leader-elect-identity") { Description = "This replica's name in the Lease. Default: POD_NAME, else HOSTNAME-PID" };
        var leaderPodLabel = new Option<bool?>("--leader-pod-label")
        {
            Description = "Label this replica's pod fastscale.io/leader=true while it leads (false otherwise), for a Service that routes to the leader only. " +
                "Default: on with leader election when POD_NAME is set",
        };
        var shutdownTimeout = new Option<TimeSpan>("--shutdown-timeout")
        {
            Description = "On SIGTERM, how long in-flight cloud calls may finish before they are cancelled and the lease released",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(10),
        };

        var pollInterval = new Option<TimeSpan>("--policy-poll-interval")
        {
            Description = "How often the --policy file is read for changes (a changed, valid policy is applied without a restart; SIGHUP reloads at once). 0: SIGHUP only",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(2),
        };
        var debounce = new Option<TimeSpan>("--policy-debounce")
        {
            Description = "A changed --policy file is loaded once its content has stayed the same this long",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(1),
        };

        var command = new Command("serve", "Serve the cluster-autoscaler's externalgrpc cloud provider")
        {
            policy, pollInterval, debounce, listen, metrics, embedded, key, cert, cacert, ecsEndpoint, credentials, stsEndpoint, metadataEndpoint, kubeconfig, context,
            leaderElect, leaseName, leaseNamespace, identity, leaderPodLabel, shutdownTimeout,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var isEmbedded = parse.GetValue(embedded);
            var grpc = new GrpcListenOptions
            {
                Listen = parse.GetValue(listen)!,
                KeyFile = parse.GetValue(key),
                CertFile = parse.GetValue(cert),
                CaFile = parse.GetValue(cacert),
            };
            var healthListen = parse.GetValue(metrics);
            var problems = grpc.Validate().ToList();
            if (healthListen is not null && !ListenAddress.TryParse(healthListen, out _, out var error))
            {
                problems.Add($"--metrics: {error}");
            }

            if (isEmbedded && (parse.GetValue(ecsEndpoint) is not null || parse.GetValue(credentials) is not null || parse.GetValue(kubeconfig) is not null
                || parse.GetValue(context) is not null || parse.GetValue(stsEndpoint) is not null || parse.GetValue(metadataEndpoint) is not null))
            {
                problems.Add("--embedded runs its own ECS emulator and cluster: drop --ecs-endpoint, --credentials-file, --sts-endpoint, --metadata-endpoint, " +
                    "--kubeconfig and --context, or drop --embedded");
            }

            if (problems.Count > 0)
            {
                throw new UserError(string.Join("; ", problems));
            }

            var shutdown = parse.GetValue(shutdownTimeout);
            if (shutdown < TimeSpan.Zero || shutdown > TimeSpan.FromSeconds(25))
            {
                throw new UserError($"--shutdown-timeout must be between 0 and 25 s (a pod gets 30 s to stop), got {shutdown}");
            }

            var policyPath = parse.GetValue(policy);
            var reload = policyPath is null ? null : new PolicyReloadOptions
            {
                Path = policyPath,
                PollInterval = parse.GetValue(pollInterval),
                Debounce = parse.GetValue(debounce),
            };
            if (reload?.Validate() is { Count: > 0 } reloadProblems)
            {
                throw new UserError(string.Join("; ", reloadProblems));
            }

            var scalePolicy = LoadPolicy(policyPath, isEmbedded);
            var time = TimeProvider.System;
            await using var world = isEmbedded ? await EmbeddedWorld.StartAsync(scalePolicy, time, cancellationToken) : null;
            var kubernetesApi = world?.Kubernetes ?? RealCluster(parse.GetValue(kubeconfig), parse.GetValue(context));
            var election = LeaderElectionFrom(
                kubernetesApi is not null, parse.GetValue(leaderElect), parse.GetValue(leaseName)!, parse.GetValue(leaseNamespace), parse.GetValue(identity));
            var settings = new ServeSettings
            {
                Policy = scalePolicy,
                PolicyReload = reload,
                Grpc = grpc,
                MetricsListen = healthListen,
                Ecs = world?.Connection ?? RealEcs(scalePolicy, parse.GetValue(ecsEndpoint), new CredentialChainOptions
                {
                    CredentialsFile = parse.GetValue(credentials),
                    StsEndpoint = parse.GetValue(stsEndpoint),
                    MetadataEndpoint = parse.GetValue(metadataEndpoint),
                }, time),
                Kubernetes = kubernetesApi,
                LeaderElection = election,
                LeaderPodLabel = LeaderPodLabelFrom(election, parse.GetValue(leaderPodLabel), Environment.GetEnvironmentVariable),
                Reconciler = new ReconcilerOptions { ShutdownTimeout = shutdown },
                Time = time,
            };

            await using var app = ProviderApp.Build(settings);
            await app.StartAsync(cancellationToken);
            ProviderApp.LogServing(app, settings);
            // Ctrl-C and SIGTERM cancel the token (and the host's own console lifetime hears them too).
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// On by default with a Kubernetes API: a second replica (a rolling update's surge pod, say) must never launch
    /// alongside the first, and one replica alone takes the free lease at once. Off without one (there is no Lease to hold).
    /// </summary>
    private static LeaderElectionOptions? LeaderElectionFrom(bool hasKubernetes, bool? enabled, string leaseName, string? leaseNamespace, string? identity)
    {
        if (enabled == true && !hasKubernetes)
        {
            throw new UserError("--leader-elect needs a Kubernetes API: pass --kubeconfig, set KUBECONFIG, run in a pod, or use --embedded");
        }

        if (!(enabled ?? hasKubernetes))
        {
            return null;
        }

        var options = new LeaderElectionOptions
        {
            LeaseName = leaseName,
            LeaseNamespace = leaseNamespace ?? Environment.GetEnvironmentVariable("POD_NAMESPACE") ?? "kube-system",
            Identity = identity ?? LeaderIdentity.Default(Environment.GetEnvironmentVariable),
        };
        var problems = options.Validate();
        return problems.Count == 0 ? options : throw new UserError("leader election: " + string.Join("; ", problems));
    }

    /// <summary>
    /// On by default wherever it can work: with leader election (only then is there a leader to route to) and a pod to
    /// label (POD_NAME, from the downward API). Outside a pod, or with one replica, there is nothing to route.
    /// </summary>
    internal static LeaderPodLabelOptions? LeaderPodLabelFrom(LeaderElectionOptions? election, bool? enabled, Func<string, string?> environment)
    {
        var pod = environment("POD_NAME");
        if (enabled == true && election is null)
        {
            throw new UserError("--leader-pod-label needs leader election (--leader-elect and a Kubernetes API)");
        }

        if (enabled == true && string.IsNullOrEmpty(pod))
        {
            throw new UserError("--leader-pod-label needs POD_NAME (and POD_NAMESPACE) from the downward API");
        }

        if (!(enabled ?? (election is not null && !string.IsNullOrEmpty(pod))))
        {
            return null;
        }

        var options = new LeaderPodLabelOptions
        {
            PodName = pod!,
            PodNamespace = environment("POD_NAMESPACE") is { Length: > 0 } ns ? ns : election!.LeaseNamespace,
        };
        var problems = options.Validate();
        return problems.Count == 0 ? options : throw new UserError("--leader-pod-label: " + string.Join("; ", problems));
    }

    private static ScalePolicy LoadPolicy(string? path, bool embedded)
    {
        if (path is null && !embedded)
        {
            throw new UserError("--policy FILE is required (or --embedded, to run the sample policy against the built-in emulator)");
        }

        var result = path is null ? EmbeddedPolicy.Load() : PolicyLoader.LoadFile(path);
        if (!result.IsValid)
        {
            throw new UserError(string.Join(Environment.NewLine, result.Problems));
        }

        return result.Policy!;
    }

    /// <summary>--kubeconfig, else KUBECONFIG, else in a pod the service account; otherwise none, and fast mode stays off.</summary>
    private static KubernetesClientConfig? RealCluster(string? kubeconfig, string? context)
    {
        var result = KubernetesConfigSelector.Select(kubeconfig, context, Environment.GetEnvironmentVariable);
        if (result is null)
        {
            return null;
        }

        return result.Config ?? throw new UserError(string.Join("; ", result.Errors));
    }

    private static EcsConnection RealEcs(ScalePolicy policy, string? endpoint, CredentialChainOptions chain, TimeProvider time)
    {
        var options = new EcsClientOptions { RegionId = policy.Region, Endpoint = endpoint };
        var problems = options.Validate().Select(p => $"--ecs-endpoint: {p}").ToList();
        // STS and metadata calls are rare (one per refresh); the process owns this client for its lifetime.
        var credentialHttp = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        var credentials = EcsCredentialChain.Resolve(
            chain, new ProcessEnvironmentVariables(), credentialHttp, time, LoggerFactory.Create(ConsoleLogging.Configure));
        problems.AddRange(credentials.Problems);
        if (problems.Count > 0)
        {
            throw new UserError(string.Join("; ", problems));
        }

        return new EcsConnection(options, credentials.Provider!);
    }
}
