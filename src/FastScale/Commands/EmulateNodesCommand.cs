using System.CommandLine;
using FastScale.Ecs.Client;
using FastScale.Ecs.Credentials;
using FastScale.Ecs.Endpoints;
using FastScale.Engine.Policy;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Serve;
using FastScale.Simulation.LatencyModel;
using FastScale.Simulation.Nodes;
using Microsoft.Extensions.Logging;

namespace FastScale.Commands;

/// <summary>
/// <c>fastscale emulate nodes --kubeconfig FILE --ecs-endpoint HOST:PORT</c>: simulated kubelets and scheduler alone,
/// following the instances of an ECS endpoint and writing Nodes and bindings to any Kubernetes API server (ours or a
/// real one). Meant to sit beside <c>emulate ecs</c> and <c>emulate cluster</c> under <see cref="EmulateCommand"/>.
/// ECS credentials: the ALIBABA_CLOUD_* variables when set, else the emulator's defaults. Each kubelet and the scheduler
/// pace their own requests with the budgets of real ones (kubelet's and kube-scheduler's defaults, 50 QPS with a burst
/// of 100), over one unpaced client: a shared 50 QPS budget cannot even renew 1,000 nodes' leases. Every 10 s of wall
/// time a progress line shows registrations, lease renewals and their worst lag, the request rate and any 429s.
/// </summary>
internal static class EmulateNodesCommand
{
    private const string EmulatorKeyId = "fastscale-emulator";
    private const string EmulatorSecret = "fastscale-emulator-secret";
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(10);

    public static Command Create()
    {
        var kubeconfig = new Option<string?>("--kubeconfig")
        {
            Description = "Kubeconfig file of the API server to register Nodes with. Default: the KUBECONFIG list (merged as kubectl merges it), else in-cluster config",
        };
        var context = new Option<string?>("--context") { Description = "Kubeconfig context (default: current-context)" };
        var ecsEndpoint = new Option<string>("--ecs-endpoint") { Description = "ECS endpoint: URL, or HOST:PORT (plain HTTP on loopback)", Required = true };
        var policyFile = new Option<string?>("--policy") { Description = "Scale policy YAML: cluster id, region and node group templates (default: the built-in sample)" };
        var profileFile = new Option<string?>("--profile") { Description = "Latency profile YAML (default: the built-in profiles)" };
        var profileName = new Option<string>("--profile-name") { Description = "Which profile of the file to use", DefaultValueFactory = _ => LatencyProfileLoader.DefaultProfileName };
        var noScheduler = new Option<bool>("--no-scheduler") { Description = "Only kubelets (beside a real kube-scheduler)" };
        var seed = new Option<int>("--seed") { Description = "Seed of the per-instance latency samples", DefaultValueFactory = _ => 1 };
        var kubeletQps = new Option<double>("--kubelet-qps")
        {
            Description = "Each kubelet's own API requests per second, as kubelet's kubeAPIQPS (0: unpaced)", DefaultValueFactory = _ => 50,
        };
        var kubeletBurst = new Option<int>("--kubelet-burst") { Description = "Each kubelet's burst, as kubelet's kubeAPIBurst", DefaultValueFactory = _ => 100 };
        var schedulerQps = new Option<double>("--scheduler-qps")
        {
            Description = "The scheduler's own API writes per second, as kube-scheduler's clientConnection.qps (0: unpaced)", DefaultValueFactory = _ => 50,
        };
        var schedulerBurst = new Option<int>("--scheduler-burst") { Description = "The scheduler's burst, as kube-scheduler's clientConnection.burst", DefaultValueFactory = _ => 100 };

        var command = new Command("nodes", "Simulate kubelets for an ECS endpoint's instances, and a scheduler, against any Kubernetes API server")
        {
            kubeconfig, context, ecsEndpoint, policyFile, profileFile, profileName, noScheduler, seed, kubeletQps, kubeletBurst, schedulerQps, schedulerBurst,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var problems = new List<string>();
            var policy = LoadPolicy(parse.GetValue(policyFile), problems);
            var profile = LoadProfile(parse.GetValue(profileFile), parse.GetValue(profileName)!, problems);
            var config = KubernetesConfigSelector.Select(parse.GetValue(kubeconfig), parse.GetValue(context), Environment.GetEnvironmentVariable)
                ?? new KubernetesConfigResult(null, ["a Kubernetes API is needed: pass --kubeconfig, set KUBECONFIG, or run in a pod"]);
            problems.AddRange(config.Errors);
            var endpoint = parse.GetValue(ecsEndpoint)!;
            if (!EcsEndpoint.TryParse(endpoint, out _, out var endpointError))
            {
                problems.Add($"--ecs-endpoint: {endpointError}");
            }

            var credentials = Credentials(problems);
            var options = new NodeSimulationOptions
            {
                RunScheduler = !parse.GetValue(noScheduler),
                Kubelets = { Seed = parse.GetValue(seed), KubeApiQps = parse.GetValue(kubeletQps), KubeApiBurst = parse.GetValue(kubeletBurst) },
                Scheduler = { Qps = parse.GetValue(schedulerQps), Burst = parse.GetValue(schedulerBurst) },
            };
            problems.AddRange(options.Validate());
            if (problems.Count > 0 || policy is null || profile is null || !config.IsSuccess || credentials is null)
            {
                throw new UserError(string.Join(Environment.NewLine, problems));
            }

            using var logging = LoggerFactory.Create(builder => builder.AddSimpleConsole(console => console.SingleLine = true));
            using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
            var ecs = new EcsClient(
                http, new EcsClientOptions { RegionId = policy.Region, Endpoint = endpoint }, credentials, TimeProvider.System, logging.CreateLogger<EcsClient>());
            // Unpaced: the kubelets and the scheduler each pace their own requests.
            await using var kubernetes = KubernetesApiClientFactory.Create(config.Config!, new KubernetesClientOptions { Qps = 0 }, TimeProvider.System, logging);
            await using var simulation = NodeSimulation.Start(ecs, kubernetes, policy, profile, options, TimeProvider.System, logging);
            Console.WriteLine($"Simulating kubelets for cluster {policy.ClusterId} on {ecs.Endpoint} → {config.Config!.Server} (profile {profile.Name}{(options.RunScheduler ? ", with scheduler" : "")})");
            using var stopReporting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var reporting = ReportProgressAsync(simulation, stopReporting.Token);
            try
            {
                await simulation.Completion.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: a normal stop.
            }
            finally
            {
                await stopReporting.CancelAsync();
                await reporting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            return 0;
        });
        return command;
    }

    /// <summary>A progress line every <see cref="ProgressInterval"/> of wall time until cancelled.</summary>
    private static async Task ReportProgressAsync(NodeSimulation simulation, CancellationToken cancellationToken)
    {
        var progress = new NodeSimulationProgress(simulation, TimeProvider.System);
        using var timer = new PeriodicTimer(ProgressInterval, TimeProvider.System);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            Console.WriteLine(progress.Sample());
        }
    }

    private static ScalePolicy? LoadPolicy(string? path, List<string> problems)
    {
        var loaded = path is null ? EmbeddedPolicy.Load() : PolicyLoader.LoadFile(path);
        problems.AddRange(loaded.Problems.Select(p => p.ToString()));
        return loaded.IsValid ? loaded.Policy : null;
    }

    private static LatencyProfile? LoadProfile(string? path, string name, List<string> problems)
    {
        var loaded = path is null ? LatencyProfileLoader.LoadEmbedded(name) : LatencyProfileLoader.LoadFile(path, name);
        problems.AddRange(loaded.Problems.Select(p => p.ToString()));
        return loaded.IsValid ? loaded.Profile : null;
    }

    /// <summary>The standard variables when the id is set; otherwise the emulator's well-known pair.</summary>
    private static EcsCredentials? Credentials(List<string> problems)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(EcsCredentialsLoader.AccessKeyIdVariable)))
        {
            return new EcsCredentials(EmulatorKeyId, EmulatorSecret);
        }

        var loaded = EcsCredentialsLoader.FromEnvironment(new ProcessEnvironmentVariables());
        problems.AddRange(loaded.Problems);
        return loaded.Credentials;
    }
}
