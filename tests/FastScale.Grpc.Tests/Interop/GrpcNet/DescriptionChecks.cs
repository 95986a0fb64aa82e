using Google.Protobuf;
using Grpc.Core;

using FastScale.Grpc.Protos;
using CloudProviderClient = FastScale.Grpc.Protos.CloudProvider.CloudProviderClient;
using FastScale.Grpc.Protos.K8s.Core;

namespace FastScale.Grpc.Tests.Interop.GrpcNet;

/// <summary>
/// The read-only RPCs that describe the provider (groups, GPU label and types, templates, options), and Refresh and
/// Cleanup, against the embedded policy: groups 'general' (0..1000) and 'gpu' (0..20).
/// </summary>
internal sealed class DescriptionChecks(CheckRunner checks, ProviderCalls calls)
{
    private CloudProviderClient Client => calls.Client;

    /// <summary>Runs them in client.mjs's order; returns the region the templates carry.</summary>
    public async Task<string> RunAsync()
    {
        await checks.RunAsync("ready", WaitUntilRecoveredAsync);
        await checks.RunAsync("NodeGroups", NodeGroupsAsync);
        await checks.RunAsync("GPULabel", async () =>
            Assert.Equal("aliyun.accelerator/nvidia_name", (await Client.GPULabelAsync(new GPULabelRequest(), calls.Options())).Label));
        await checks.RunAsync("GetAvailableGPUTypes", async () =>
            Assert.Equal(["NVIDIA-A10"], (await Client.GetAvailableGPUTypesAsync(new GetAvailableGPUTypesRequest(), calls.Options())).GpuTypes.Keys));
        await checks.RunAsync("Refresh", async () =>
            Assert.Equal(new RefreshResponse(), await Client.RefreshAsync(new RefreshRequest(), calls.Options())));
        await checks.RunAsync("Cleanup", async () =>
            Assert.Equal(new CleanupResponse(), await Client.CleanupAsync(new CleanupRequest(), calls.Options())));

        var region = await checks.RunAsync("NodeGroupTemplateNodeInfo.general", TemplateGeneralAsync);
        await checks.RunAsync("NodeGroupTemplateNodeInfo.gpu-taint-and-gpu-capacity", TemplateGpuAsync);
        await checks.RunAsync("NodeGroupTemplateNodeInfo.unknown-group-NOT_FOUND", () => ProviderCalls.ExpectCodeAsync(
            Client.NodeGroupTemplateNodeInfoAsync(new NodeGroupTemplateNodeInfoRequest { Id = "no-such-group" }, calls.Options()).ResponseAsync,
            StatusCode.NotFound));

        var options = new OptionsChecks(calls);
        await checks.RunAsync("NodeGroupGetOptions.deprecated-defaults-answered-in-both-generations", options.FromDeprecatedDefaultsAsync);
        await checks.RunAsync("NodeGroupGetOptions.policy-overrides-defaults", options.PolicyWinsAsync);
        await checks.RunAsync("NodeGroupGetOptions.new-defaults-answered-in-both-generations", options.FromNewDefaultsAsync);
        await checks.RunAsync("NodeGroupGetOptions.no-defaults-all-fields-set", options.WithoutDefaultsAsync);
        await checks.RunAsync("NodeGroupGetOptions.unknown-group-NOT_FOUND", () => ProviderCalls.ExpectCodeAsync(
            Client.NodeGroupGetOptionsAsync(new NodeGroupAutoscalingOptionsRequest { Id = "no-such-group" }, calls.Options()).ResponseAsync,
            StatusCode.NotFound));
        return region;
    }

    private async Task WaitUntilRecoveredAsync()
    {
        // Until the node groups are rebuilt from the cloud, per-group calls answer UNAVAILABLE: retry, bounded.
        var started = calls.Time.GetTimestamp();
        while (true)
        {
            try
            {
                await calls.TargetSizeAsync("general");
                return;
            }
            catch (RpcException error) when (error.StatusCode == StatusCode.Unavailable && calls.Time.GetElapsedTime(started) < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), calls.Time);
            }
        }
    }

    private async Task NodeGroupsAsync()
    {
        var groups = (await Client.NodeGroupsAsync(new NodeGroupsRequest(), calls.Options())).NodeGroups;
        Assert.Equal([("general", 0, 1000), ("gpu", 0, 20)], groups.Select(g => (g.Id, g.MinSize, g.MaxSize)));
        Assert.All(groups, group => Assert.False(string.IsNullOrEmpty(group.Debug), $"group {group.Id} has no debug text"));
    }

    private async Task<string> TemplateGeneralAsync()
    {
        var node = await TemplateOfAsync("general");
        var labels = node.Metadata.Labels;
        Assert.Equal(new Dictionary<string, string>
        {
            ["kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = "amd64",
            ["node.kubernetes.io/instance-type"] = "ecs.g7.large",
            ["topology.kubernetes.io/region"] = "cn-hangzhou",
            ["topology.kubernetes.io/zone"] = "cn-hangzhou-h",
            ["workload.fastscale.io/class"] = "general",
        }, Pick(labels, "kubernetes.io/os", "kubernetes.io/arch", "node.kubernetes.io/instance-type", "topology.kubernetes.io/region",
            "topology.kubernetes.io/zone", "workload.fastscale.io/class"));
        Assert.Equal(Quantities(("cpu", "2"), ("memory", "8Gi"), ("pods", "110"), ("ephemeral-storage", "40Gi")), Quantities(node.Status.Capacity));
        Assert.Equal(Quantities(("cpu", "1900m"), ("memory", "7Gi"), ("pods", "110"), ("ephemeral-storage", "38Gi")), Quantities(node.Status.Allocatable));
        Assert.Empty(node.Spec?.Taints ?? []);
        return labels["topology.kubernetes.io/region"];
    }

    private async Task TemplateGpuAsync()
    {
        var node = await TemplateOfAsync("gpu");
        Assert.Equal("NVIDIA-A10", node.Metadata.Labels["aliyun.accelerator/nvidia_name"]);
        Assert.Equal([("nvidia.com/gpu", "present", "NoSchedule")], node.Spec.Taints.Select(t => (t.Key, t.Value, t.Effect)));
        Assert.Equal("1", node.Status.Capacity["nvidia.com/gpu"].String);
    }

    /// <summary>
    /// Reads the template twice: raw, to see that fields 1 and 2 carry identical bytes (old autoscalers read field 1,
    /// new ones field 2), and through the generated stub, to see that field 1 decodes as the same Node as field 2.
    /// </summary>
    private async Task<Node> TemplateOfAsync(string id)
    {
        var request = new NodeGroupTemplateNodeInfoRequest { Id = id };
        var raw = WireFields.LengthDelimitedFields(await calls.RawAsync(ProviderCalls.Service, "NodeGroupTemplateNodeInfo", request.ToByteArray()));
        Assert.True(raw.TryGetValue(2, out var nodeBytes) && !nodeBytes.IsEmpty, "nodeBytes (field 2) is empty");
        Assert.True(raw.TryGetValue(1, out var nodeInfo) && nodeInfo.Equals(nodeBytes), "nodeInfo (field 1) is not the same bytes as nodeBytes (field 2)");
        var node = Node.Parser.ParseFrom(nodeBytes);

        var typed = await Client.NodeGroupTemplateNodeInfoAsync(request, calls.Options());
        Assert.Equal(nodeBytes, typed.NodeBytes);
#pragma warning disable CS0612 // nodeInfo is deprecated in the proto, and it is what autoscalers before 1.32 read
        Assert.Equal(node, typed.NodeInfo);
#pragma warning restore CS0612
        Assert.Empty(typed.ResourceSliceBytes);
        return node;
    }

    private static Dictionary<string, string> Pick(IDictionary<string, string> map, params string[] keys) =>
        keys.Where(map.ContainsKey).ToDictionary(key => key, key => map[key]);

    /// <summary>The standard resources only: extended ones (with a '/') are checked where they matter.</summary>
    private static Dictionary<string, string> Quantities(IDictionary<string, FastScale.Grpc.Protos.K8s.Resource.Quantity> map) =>
        map.Where(entry => !entry.Key.Contains('/')).ToDictionary(entry => entry.Key, entry => entry.Value.String);

    private static Dictionary<string, string> Quantities(params (string Name, string Amount)[] entries) =>
        entries.ToDictionary(entry => entry.Name, entry => entry.Amount);
}
