using FastScale.Ecs;
using FastScale.Ecs.Client;
using FastScale.Ecs.Credentials;
using FastScale.Engine.Cloud;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Kubernetes.Models;
using FastScale.Simulation.Cluster;
using FastScale.Simulation.Ecs;
using FastScale.Simulation.Ecs.Hosting;
using FastScale.Simulation.Nodes;
using FastScale.Simulation.Tests.Ecs;
using FastScale.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Simulation.Tests.Nodes;

/// <summary>
/// The Node a simulated kubelet registers (built from what ECS says about the instance and the group's kubelet flags)
/// and the engine's template for the group (what the autoscaler plans with) agree on everything the autoscaler
/// compares: labels but the hostname, taints, and capacity and allocatable of every resource. An instance of each group
/// is launched with the group's first type in its first zone, the node the template describes, through the emulator.
/// A mistake in <see cref="NodeTemplateBuilder"/> shows here as a disagreement.
/// </summary>
public sealed class KubeletTemplateAgreementTests
{
    private const string SeveralGroups =
        """
        clusterId: agreement
        region: cn-hangzhou
        provider: { gpuLabel: aliyun.accelerator/nvidia_name, gpuTypes: [NVIDIA-A10] }
        nodeGroups:
          - id: compute
            maxSize: 10
            imageId: m-compute
            instanceTypes: [ecs.c7.large, ecs.c7.xlarge]
            zones: [{ zoneId: cn-hangzhou-i, vSwitchId: vsw-i }, { zoneId: cn-hangzhou-h, vSwitchId: vsw-h }]
            securityGroupId: sg-1
            labels: { workload.example.com/class: batch }
            resources: { cpu: "2", memory: 4Gi, pods: "64", ephemeralStorage: 20Gi }
            reserved: { cpu: 250m, memory: 512Mi, ephemeralStorage: 1G }
          - id: arm
            maxSize: 10
            imageId: m-arm
            instanceTypes: [ecs.g8y.xlarge]
            zones: [{ zoneId: cn-hangzhou-j, vSwitchId: vsw-j }]
            securityGroupId: sg-1
            labels: { example.com/arch-pool: "true", team: web }
            taints: [{ key: example.com/arm, effect: NoSchedule }, { key: dedicated, value: web, effect: PreferNoSchedule }]
            resources: { cpu: "4", memory: 16Gi, pods: "110" }
            reserved: { cpu: 100m, memory: 1G }
          - id: memory
            maxSize: 10
            imageId: m-memory
            imageKind: general
            instanceTypes: [ecs.r7.2xlarge]
            zones: [{ zoneId: cn-hangzhou-h, vSwitchId: vsw-h }]
            securityGroupId: sg-1
            resources: { cpu: "8", memory: 64Gi, pods: "250", ephemeralStorage: 200Gi }
          - id: a10
            maxSize: 4
            imageId: m-gpu
            instanceTypes: [ecs.gn7i-c16g1.4xlarge]
            zones: [{ zoneId: cn-hangzhou-i, vSwitchId: vsw-i }]
            securityGroupId: sg-1
            labels: { aliyun.accelerator/nvidia_name: NVIDIA-A10 }
            taints: [{ key: nvidia.com/gpu, value: present, effect: NoExecute }]
            resources: { cpu: "16", memory: 60Gi, pods: "110", ephemeralStorage: 100Gi, extended: { nvidia.com/gpu: "1" } }
            reserved: { cpu: 300m, memory: 2Gi }
        """;

    [Fact]
    public async Task SamplePolicy_EveryGroupsNode_AgreesWithItsTemplate()
    {
        var loaded = PolicyLoader.LoadFile(RepoRoot.Combine("deploy", "policy.yaml"));
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Problems));

        await AssertNodesAgreeWithTemplatesAsync(loaded.Policy!);
    }

    [Fact]
    public async Task SeveralGroupsAndTypes_EveryGroupsNode_AgreesWithItsTemplate()
    {
        var loaded = PolicyLoader.LoadText(SeveralGroups, "several-groups.yaml");
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Problems));

        await AssertNodesAgreeWithTemplatesAsync(loaded.Policy!);
    }

    private static async Task AssertNodesAgreeWithTemplatesAsync(ScalePolicy policy)
    {
        var nodes = await RegisterOneNodePerGroupAsync(policy);

        foreach (var group in policy.NodeGroups)
        {
            var template = NodeTemplateBuilder.Build(policy, group);
            var node = nodes[group.Id];
            Assert.Equal(WithoutHostname(template.Labels), WithoutHostname(node.Metadata!.Labels!));
            Assert.Equal(
                template.Taints.Select(t => $"{t.Key}={t.Value}:{t.Effect}").Order(StringComparer.Ordinal),
                node.Spec!.Taints!.Where(t => t.Key != "node.kubernetes.io/not-ready").Select(t => $"{t.Key}={t.Value}:{t.Effect}").Order(StringComparer.Ordinal));
            Assert.Equal(Amounts(template.Capacity), Amounts(node.Status!.Capacity!));
            Assert.Equal(Amounts(template.Allocatable), Amounts(node.Status!.Allocatable!));
        }
    }

    /// <summary>Launches one instance per group, first type and first zone, and runs the kubelets until each registered.</summary>
    private static async Task<Dictionary<string, Node>> RegisterOneNodePerGroupAsync(ScalePolicy policy)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var options = new EcsEmulatorOptions { Profile = TestProfiles.Fixed(), RegionId = policy.Region };
        using var http = new HttpClient(new InProcessEcsHandler(new EcsEmulator(options, time)));
        var ecs = new EcsClient(http, new EcsClientOptions { RegionId = policy.Region, Endpoint = "127.0.0.1:8080" },
            new EcsCredentials(options.AccessKeyId, options.AccessKeySecret), time, NullLogger<EcsClient>.Instance);
        var cloud = new EcsCloud(ecs, time);
        var instances = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in policy.NodeGroups)
        {
            var zone = group.Zones[0];
            var launched = await cloud.LaunchAsync(
                new LaunchRequest(policy.ClusterId, group.Id, $"token-{group.Id}", group.ImageId, group.InstanceTypes[0], zone.ZoneId, zone.VSwitchId, group.SecurityGroupId, 1, 0),
                default);
            Assert.True(launched.IsSuccess, launched.Error?.ToString());
            instances[group.Id] = Assert.Single(launched.Value!);
        }

        await using var cluster = await ClusterSimulatorServer.StartAsync(new ClusterSimulatorOptions(), time);
        await using var kubernetes = KubernetesApiClientFactory.Create(KubernetesClientConfig.ForServer(cluster.Address), new KubernetesClientOptions { Qps = 0 }, time);
        var kubelets = new KubeletSimulator(
            new EcsInstanceSource(ecs, policy.ClusterId), kubernetes, policy, TestProfiles.Fixed(), new KubeletSimulatorOptions(), time, NullLogger<KubeletSimulator>.Instance);
        for (var step = 0; step < 60 && kubelets.Counters.NodesRegistered < instances.Count; step++)
        {
            await kubelets.SyncAsync(default);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var nodes = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var (group, id) in instances)
        {
            nodes[group] = (await kubernetes.GetAsync(KubernetesResources.Nodes, null, id, default)).GetValueOrThrow();
        }

        return nodes;
    }

    private static SortedDictionary<string, string> WithoutHostname(IReadOnlyDictionary<string, string> labels) =>
        new(labels.Where(l => l.Key != "kubernetes.io/hostname").ToDictionary(l => l.Key, l => l.Value), StringComparer.Ordinal);

    /// <summary>Amounts by resource, compared as numbers: "7Gi" and "7340032Ki" are the same memory.</summary>
    private static SortedDictionary<string, decimal> Amounts(IReadOnlyDictionary<string, string> resources) =>
        new(resources.ToDictionary(r => r.Key, r => Quantity.TryParse(r.Value, out var amount) ? amount : throw new FormatException($"{r.Key}: {r.Value}")), StringComparer.Ordinal);
}
