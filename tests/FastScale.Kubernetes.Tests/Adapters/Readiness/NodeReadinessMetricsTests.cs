using FastScale.Engine.Launch;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Kubernetes.Adapters.Nodes;
using FastScale.Kubernetes.Adapters.Readiness;
using FastScale.Kubernetes.Models;
using FastScale.Kubernetes.Tests.Adapters.Nodes;
using FastScale.Kubernetes.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Kubernetes.Tests.Adapters.Readiness;

/// <summary>fastscale_node_ready_seconds: launch accepted → node Ready and schedulable, once per launched instance.</summary>
public sealed class NodeReadinessMetricsTests : IAsyncLifetime
{
    private const string Region = "cn-hangzhou";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeNodeInformer _nodes = new();
    private readonly RecordedHistogram _histogram = new("fastscale_node_ready_seconds");
    private NodeGroupRegistry _registry = null!;
    private NodeReadinessMetrics _metrics = null!;

    public async Task InitializeAsync()
    {
        _registry = new NodeGroupRegistry(Policy());
        _metrics = new NodeReadinessMetrics(_registry, _nodes, _time, _histogram);
        await _metrics.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _metrics.StopAsync(CancellationToken.None);
        _metrics.Dispose();
        _histogram.Dispose();
    }

    [Fact]
    public async Task ReadyNode_OfALaunchedInstance_IsTimedFromTheLaunchOnce()
    {
        Launch("general", "i-1");
        _time.Advance(TimeSpan.FromSeconds(4));
        _nodes.Put(NodeOf("i-1", ready: false));
        _time.Advance(TimeSpan.FromSeconds(3));

        _nodes.Put(NodeOf("i-1", ready: true));
        await WaitUntilAsync(() => _metrics.Waiting == 0);
        _time.Advance(TimeSpan.FromSeconds(30));
        _nodes.Put(NodeOf("i-1", ready: true, cordoned: true));
        _nodes.Put(NodeOf("i-1", ready: true));
        // A later instance in another group: once it is seen, every change of i-1 before it has been handled.
        Launch("gpu", "i-sentinel");
        _nodes.Put(NodeOf("i-sentinel", ready: true));
        await WaitUntilAsync(() => _metrics.Waiting == 0);

        Assert.Equal(1, _histogram.Count("general"));
        Assert.Equal(7, _histogram.Sum("general"));
    }

    [Fact]
    public async Task NodeStillTaintedOrCordoned_IsNotReadyYet()
    {
        Launch("general", "i-2");
        _nodes.Put(NodeOf("i-2", ready: true, taint: "node.kubernetes.io/not-ready"));
        _nodes.Put(NodeOf("i-2", ready: true, cordoned: true));
        _time.Advance(TimeSpan.FromSeconds(2));
        _nodes.Put(NodeOf("i-2", ready: true));

        await WaitUntilAsync(() => _metrics.Waiting == 0);

        Assert.Equal(2, _histogram.Sum("general"));
    }

    [Fact]
    public async Task ReadyNode_OfAnInstanceNotLaunchedByUs_IsNotTimed()
    {
        _nodes.Put(NodeOf("i-adopted", ready: true));
        Launch("general", "i-3");
        _nodes.Put(NodeOf("i-3", ready: true));

        await WaitUntilAsync(() => _metrics.Waiting == 0);

        Assert.Equal(1, _histogram.Count("general"));
    }

    [Fact]
    public async Task WarmNodeAlreadyReady_WithAnAlicloudSchemeProviderId_IsTimedAtItsLaunch()
    {
        _nodes.Put(NodeOf("i-warm", ready: true, scheme: "alicloud://"));
        await WaitUntilAsync(() => _nodes.Count == 1);

        Launch("general", "i-warm");

        Assert.Equal(0, _metrics.Waiting);
        Assert.Equal(1, _histogram.Count("general"));
    }

    private static ScalePolicy Policy() => new()
    {
        ClusterId = "test",
        Region = Region,
        NodeGroups = [Group("general"), Group("gpu")],
    };

    private static NodeGroupPolicy Group(string id) => new()
    {
        Id = id, MaxSize = 10, ImageId = "m-test", InstanceTypes = ["ecs.g7.large"], SecurityGroupId = "sg-test",
        Zones = [new ZonePolicy { ZoneId = "cn-hangzhou-h", VSwitchId = "vsw-h" }],
        Resources = new NodeResources { Cpu = "2", Memory = "8Gi", Pods = "110" },
    };

    private void Launch(string group, string instanceId) =>
        _registry.Find(group)!.CompleteLaunch(0, new LaunchOutcome([instanceId], 0, null));

    private static Node NodeOf(string instanceId, bool ready, string? taint = null, bool cordoned = false, string scheme = "") => new()
    {
        Metadata = new ObjectMeta { Name = instanceId },
        Spec = new NodeSpec
        {
            ProviderId = $"{scheme}{Region}.{instanceId}",
            Unschedulable = cordoned ? true : null,
            Taints = taint is null ? null : [new Taint { Key = taint, Effect = "NoSchedule" }],
        },
        Status = new NodeStatus { Conditions = [new NodeCondition { Type = "Ready", Status = ready ? "True" : "False" }] },
    };

    private static async Task WaitUntilAsync(Func<bool> done)
    {
        // The metrics read the informer's channel on a background task: give it turns, bounded.
        for (var i = 0; i < 1000 && !done(); i++)
        {
            await Task.Yield();
            await Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System);
        }

        Assert.True(done(), "the readiness metrics did not catch up");
    }
}
