using FastScale.Commands;
using FastScale.Ecs.Credentials;
using FastScale.Engine.Policy;
using FastScale.Kubernetes.Adapters.Leadership;
using FastScale.Kubernetes.LeaderElection;
using YamlDotNet.RepresentationModel;

namespace FastScale.Tests.Deploy;

/// <summary>
/// The kustomize manifests rendered as <c>kubectl apply -k</c> would render them, and checked against the program
/// they deploy: flags the binary accepts, files the volumes provide, the policy CI validates, the least RBAC.
/// </summary>
public sealed class ManifestTests
{
    private static readonly string[] CertManagerSecretKeys = ["tls.crt", "tls.key", "ca.crt"];

    [Theory]
    [InlineData("deploy")]
    [InlineData("deploy/base")]
    public async Task Kustomization_Renders_FastScaleWithTwoReplicasAndTheAutoscaler(string directory)
    {
        var manifests = await Kustomize.BuildAsync(Path.Combine(RepositoryPaths.Root, directory));

        Assert.Equal("2", manifests.Get("Deployment", "fastscale").Path("spec")!.Str("replicas"));
        Assert.NotNull(manifests.Find("Deployment", "cluster-autoscaler"));
        Assert.NotNull(manifests.Find("Service", "fastscale"));
        Assert.NotNull(manifests.Find("Service", "fastscale-metrics"));
        Assert.NotNull(manifests.Find("ServiceAccount", "fastscale"));
    }

    [Fact]
    public async Task FastScaleArgs_AreFlagsServeAccepts_AndTheirFilesAreMounted()
    {
        var manifests = await Kustomize.BuildAsync(RepositoryPaths.Deploy);
        var fastscale = PodSpecs.Of(manifests.Get("Deployment", "fastscale"));
        var serve = ServeCommand.Create();
        var accepted = serve.Options.SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet(StringComparer.Ordinal);

        Assert.Equal("serve", fastscale.Args[0]);
        foreach (var argument in fastscale.Args.Skip(1))
        {
            var flag = argument.Split('=')[0];
            Assert.True(accepted.Contains(flag),
                $"`fastscale serve` has no flag {flag}; it accepts {string.Join(", ", accepted.Order())}");
        }

        foreach (var fileFlag in new[] { "--policy", "--key", "--cert", "--cacert" })
        {
            var path = fastscale.Arg(fileFlag) ?? throw new Xunit.Sdk.XunitException($"{fileFlag} is not passed");
            var (volume, key) = fastscale.VolumeFor(path) ?? throw new Xunit.Sdk.XunitException($"{fileFlag}={path}: no volume is mounted at its directory");
            AssertVolumeProvides(manifests, volume, key, $"{fileFlag}={path}");
        }

        var policyVolume = fastscale.VolumeFor(fastscale.Arg("--policy")!)!.Value.Volume;
        Assert.StartsWith("fastscale-policy", policyVolume.Map("configMap")!.Str("name"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FastScalePod_ProbesResourcesAndSecurityContext_AreSet()
    {
        var manifests = await Kustomize.BuildAsync(RepositoryPaths.Deploy);
        var fastscale = PodSpecs.Of(manifests.Get("Deployment", "fastscale"));
        var container = fastscale.Container;
        var metricsPort = fastscale.Arg("--metrics")!.Split(':')[1];
        var grpcPort = fastscale.Arg("--listen")!.Split(':')[1];
        var ports = container.Seq("ports").OfType<YamlMappingNode>().ToDictionary(p => p.Str("name")!, p => p.Str("containerPort"));

        Assert.Equal(metricsPort, ports["metrics"]);
        Assert.Equal(grpcPort, ports["grpc"]);
        Assert.Equal("/healthz", container.Path("livenessProbe.httpGet")!.Str("path"));
        Assert.Equal("metrics", container.Path("livenessProbe.httpGet")!.Str("port"));
        Assert.Equal("/readyz", container.Path("readinessProbe.httpGet")!.Str("path"));
        Assert.Equal("metrics", container.Path("readinessProbe.httpGet")!.Str("port"));
        Assert.NotNull(container.Path("resources.requests")!.Str("cpu"));
        Assert.NotNull(container.Path("resources.limits")!.Str("memory"));
        Assert.Equal("true", fastscale.Pod.Path("securityContext")!.Str("runAsNonRoot"));
        Assert.Equal("true", container.Path("securityContext")!.Str("readOnlyRootFilesystem"));
        Assert.Equal("false", container.Path("securityContext")!.Str("allowPrivilegeEscalation"));
        Assert.Equal(["ALL"], container.Path("securityContext.capabilities")!.Strings("drop"));
        Assert.NotNull(fastscale.Pod.Str("terminationGracePeriodSeconds"));
    }

    [Fact]
    public async Task FastScaleCredentials_ByDefault_AreRrsa_WithTheTokenProjectedForTheStsAudience()
    {
        var manifests = await Kustomize.BuildAsync(RepositoryPaths.Deploy);
        var fastscale = PodSpecs.Of(manifests.Get("Deployment", "fastscale"));
        var env = fastscale.Container.Seq("env").OfType<YamlMappingNode>().ToDictionary(e => e.Str("name")!);

        Assert.StartsWith("acs:ram::", env[EcsCredentialChain.RoleArnVariable].Str("value"), StringComparison.Ordinal);
        Assert.Contains(":oidc-provider/", env[EcsCredentialChain.OidcProviderArnVariable].Str("value"), StringComparison.Ordinal);
        Assert.DoesNotContain(EcsCredentialsLoader.AccessKeyIdVariable, env.Keys);
        Assert.Null(manifests.Find("Secret", "fastscale-ecs-credentials"));
        var tokenFile = env[EcsCredentialChain.OidcTokenFileVariable].Str("value")!;
        var (volume, key) = fastscale.VolumeFor(tokenFile) ?? throw new Xunit.Sdk.XunitException($"{tokenFile} is not mounted");
        var projected = volume.Path("projected")!.Seq("sources").OfType<YamlMappingNode>().Single().Map("serviceAccountToken")!;
        Assert.Equal(key, projected.Str("path"));
        Assert.Equal("sts.aliyuncs.com", projected.Str("audience"));
    }

    [Fact]
    public async Task FastScaleCredentials_WithTheAccessKeyComponent_ComeFromTheSecret_AndRrsaIsGone()
    {
        // An overlay outside the repository, as a user's own would be: the base plus the documented fallback.
        var overlay = Directory.CreateTempSubdirectory("fastscale-ak-overlay-").FullName;
        try
        {
            var deploy = Path.GetRelativePath(overlay, RepositoryPaths.Deploy).Replace('\\', '/');
            await File.WriteAllTextAsync(Path.Combine(overlay, "kustomization.yaml"),
                $"apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - {deploy}\ncomponents:\n  - {deploy}/access-key\n");
            var manifests = await Kustomize.BuildAsync(overlay);
            var fastscale = PodSpecs.Of(manifests.Get("Deployment", "fastscale"));
            var env = fastscale.Container.Seq("env").OfType<YamlMappingNode>().ToDictionary(e => e.Str("name")!);

            foreach (var variable in new[] { EcsCredentialsLoader.AccessKeyIdVariable, EcsCredentialsLoader.AccessKeySecretVariable })
            {
                var reference = env[variable].Path("valueFrom.secretKeyRef") ?? throw new Xunit.Sdk.XunitException($"{variable} is not from a Secret");
                var secret = manifests.Get("Secret", reference.Str("name")!);
                Assert.NotNull((secret.Map("stringData") ?? secret.Map("data"))!.Str(reference.Str("key")!));
            }

            Assert.DoesNotContain(EcsCredentialChain.RoleArnVariable, env.Keys);
            Assert.DoesNotContain(EcsCredentialChain.OidcTokenFileVariable, env.Keys);
            Assert.DoesNotContain(fastscale.Pod.Seq("volumes").OfType<YamlMappingNode>(), v => v.Str("name") == "rrsa-oidc-token");
        }
        finally
        {
            Directory.Delete(overlay, recursive: true);
        }
    }

    [Fact]
    public async Task Autoscaler_UsesExternalGrpc_WithAMountedCloudConfigThatDialsTheFastScaleService()
    {
        var manifests = await Kustomize.BuildAsync(RepositoryPaths.Deploy);
        var autoscaler = PodSpecs.Of(manifests.Get("Deployment", "cluster-autoscaler"));
        var fastscale = PodSpecs.Of(manifests.Get("Deployment", "fastscale"));

        Assert.Contains("--cloud-provider=externalgrpc", autoscaler.Args);
        var cloudConfigPath = autoscaler.Arg("--cloud-config") ?? throw new Xunit.Sdk.XunitException("no --cloud-config");
        var (volume, key) = autoscaler.VolumeFor(cloudConfigPath) ?? throw new Xunit.Sdk.XunitException($"{cloudConfigPath} is not mounted");
        var configMap = manifests.Get("ConfigMap", volume.Map("configMap")!.Str("name")!);
        var cloudConfig = ParseMapping(configMap.Map("data")!.Str(key) ?? throw new Xunit.Sdk.XunitException($"the ConfigMap has no {key}"));

        // address: <service>.<namespace>.svc:<port>, the Service's gRPC port, which reaches FastScale's --listen port.
        var address = cloudConfig.Str("address")!;
        var (host, port) = (address[..address.LastIndexOf(':')], address[(address.LastIndexOf(':') + 1)..]);
        var service = manifests.Get("Service", "fastscale");
        Assert.Equal($"fastscale.{service.Map("metadata")!.Str("namespace")}.svc", host);
        var grpcPort = service.Path("spec")!.Seq("ports").OfType<YamlMappingNode>().Single(p => p.Str("name") == "grpc");
        Assert.Equal(grpcPort.Str("port"), port);
        var target = fastscale.Container.Seq("ports").OfType<YamlMappingNode>().Single(p => p.Str("name") == grpcPort.Str("targetPort"));
        Assert.Equal(fastscale.Arg("--listen")!.Split(':')[1], target.Str("containerPort"));

        // mTLS by default: the three files are set and mounted in the autoscaler's pod.
        foreach (var field in new[] { "key", "cert", "cacert" })
        {
            var path = cloudConfig.Str(field) ?? throw new Xunit.Sdk.XunitException($"cloud-config has no {field}");
            var (tlsVolume, file) = autoscaler.VolumeFor(path) ?? throw new Xunit.Sdk.XunitException($"cloud-config {field}={path} is not mounted");
            AssertVolumeProvides(manifests, tlsVolume, file, $"cloud-config {field}={path}");
        }
    }

    [Fact]
    public async Task FastScaleService_SelectsTheLeaderOnly_WhileMetricsReachEveryReplica()
    {
        var manifests = await Kustomize.BuildAsync(RepositoryPaths.Deploy);
        var deployment = manifests.Get("Deployment", "fastscale");
        var fastscale = PodSpecs.Of(deployment);
        var podLabels = Labels(deployment.Path("spec.template.metadata.labels")!);
        const string Leader = LeaderPodLabelOptions.LabelKey;

        // The autoscaler's Service: the app's pods, and of those only the one the leader labelled.
        var grpc = manifests.Get("Service", "fastscale");
        var grpcSelector = Labels(grpc.Path("spec.selector")!);
        Assert.Equal("true", grpcSelector[Leader]);
        Assert.All(grpcSelector.Where(l => l.Key != Leader), l => Assert.Equal(l.Value, podLabels[l.Key]));
        Assert.Equal(["grpc"], grpc.Path("spec")!.Seq("ports").OfType<YamlMappingNode>().Select(p => p.Str("name")));

        // Pods start outside it, and the Deployment's selector never depends on the label the leader flips.
        Assert.Equal("false", podLabels[Leader]);
        Assert.DoesNotContain(Leader, Labels(deployment.Path("spec.selector.matchLabels")!).Keys);

        // Prometheus scrapes every replica, leader or not.
        var metrics = manifests.Get("Service", "fastscale-metrics");
        var metricsSelector = Labels(metrics.Path("spec.selector")!);
        Assert.DoesNotContain(Leader, metricsSelector.Keys);
        Assert.All(metricsSelector, l => Assert.Equal(l.Value, podLabels[l.Key]));
        var metricsPort = Assert.Single(metrics.Path("spec")!.Seq("ports").OfType<YamlMappingNode>());
        Assert.Equal("metrics", metricsPort.Str("targetPort"));

        // serve labels its pod in this Deployment: leader election is on and the downward API gives the pod's name.
        var env = fastscale.Container.Seq("env").OfType<YamlMappingNode>()
            .Where(e => e.Path("valueFrom.fieldRef") is not null)
            .ToDictionary(e => e.Str("name")!, e => (string?)$"from {e.Path("valueFrom.fieldRef")!.Str("fieldPath")}");
        Assert.Contains("--leader-elect", fastscale.Args);
        Assert.DoesNotContain(fastscale.Args, a => a.StartsWith("--leader-pod-label", StringComparison.Ordinal));
        var election = new LeaderElectionOptions { LeaseNamespace = "kube-system", LeaseName = "fastscale", Identity = "pod" };
        var label = ServeCommand.LeaderPodLabelFrom(election, enabled: null, name => env.GetValueOrDefault(name));
        Assert.NotNull(label);
        Assert.Equal("from metadata.name", label.PodName);
        Assert.Equal("from metadata.namespace", label.PodNamespace);
    }

    [Fact]
    public async Task PolicyConfigMap_IsByteIdenticalToDeployPolicy_AndValid()
    {
        var manifests = await Kustomize.BuildAsync(RepositoryPaths.Deploy);
        var configMap = manifests.OfKind("ConfigMap").Single(c => c.Map("metadata")!.Str("name")!.StartsWith("fastscale-policy", StringComparison.Ordinal));
        var file = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Deploy, "policy.yaml"));

        var rendered = configMap.Map("data")!.Str("policy.yaml");

        Assert.Equal(file, rendered);
        var loaded = PolicyLoader.LoadText(rendered!, "configmap:policy.yaml");
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Problems));
    }

    [Fact]
    public async Task FastScaleRbac_IsTheMinimalSet()
    {
        var manifests = await Kustomize.BuildAsync(RepositoryPaths.Deploy);

        var cluster = Rules(manifests.Get("ClusterRole", "fastscale"));
        var namespaced = Rules(manifests.Get("Role", "fastscale-leader-election"));

        Assert.Equal(
            [
                "/nodes: get,list,patch,watch",
                "/pods: delete,get,list,watch",
                "/pods/eviction: create",
                "/events: create,patch",
                "events.k8s.io/events: create,patch",
            ],
            cluster);
        Assert.Equal(["coordination.k8s.io/leases: create,get,update", "/pods: patch"], namespaced);
        AssertBoundTo(manifests.Get("ClusterRoleBinding", "fastscale"), "ClusterRole", "fastscale");
        AssertBoundTo(manifests.Get("RoleBinding", "fastscale-leader-election"), "Role", "fastscale-leader-election");
    }

    private static List<string> Rules(YamlMappingNode role) =>
    [
        .. role.Seq("rules").OfType<YamlMappingNode>().SelectMany(rule =>
        {
            Assert.Null(rule.Child("resourceNames"));
            var verbs = string.Join(',', rule.Strings("verbs").Order(StringComparer.Ordinal));
            Assert.DoesNotContain("*", verbs, StringComparison.Ordinal);
            return rule.Strings("apiGroups").SelectMany(g => rule.Strings("resources").Select(r => $"{g}/{r}: {verbs}"));
        }),
    ];

    private static Dictionary<string, string> Labels(YamlMappingNode labels) =>
        labels.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value!, StringComparer.Ordinal);

    private static void AssertBoundTo(YamlMappingNode binding, string kind, string name)
    {
        Assert.Equal(kind, binding.Map("roleRef")!.Str("kind"));
        Assert.Equal(name, binding.Map("roleRef")!.Str("name"));
        var subject = Assert.Single(binding.Seq("subjects").OfType<YamlMappingNode>());
        Assert.Equal("ServiceAccount", subject.Str("kind"));
        Assert.Equal("fastscale", subject.Str("name"));
    }

    /// <summary>The file <paramref name="key"/> exists in the volume: a ConfigMap or Secret key, or a cert-manager Certificate's Secret.</summary>
    private static void AssertVolumeProvides(Manifests manifests, YamlMappingNode volume, string key, string what)
    {
        if (volume.Map("configMap") is { } configMapRef)
        {
            var configMap = manifests.Get("ConfigMap", configMapRef.Str("name")!);
            Assert.True(configMap.Map("data")?.Str(key) is not null, $"{what}: ConfigMap {configMapRef.Str("name")} has no key {key}");
            return;
        }

        var secretName = volume.Map("secret")?.Str("secretName") ?? throw new Xunit.Sdk.XunitException($"{what}: volume {volume.Str("name")} is neither a ConfigMap nor a Secret");
        if (manifests.Find("Secret", secretName) is { } secret)
        {
            Assert.True((secret.Map("data") ?? secret.Map("stringData"))?.Str(key) is not null, $"{what}: Secret {secretName} has no key {key}");
            return;
        }

        var issuedBy = manifests.OfKind("Certificate").SingleOrDefault(c => c.Path("spec")!.Str("secretName") == secretName);
        Assert.True(issuedBy is not null, $"{what}: nothing in the manifests makes Secret {secretName}");
        Assert.Contains(key, CertManagerSecretKeys);
    }

    private static YamlMappingNode ParseMapping(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
