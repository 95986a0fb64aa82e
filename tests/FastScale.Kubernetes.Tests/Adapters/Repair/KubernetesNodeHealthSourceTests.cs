using System.Threading.Channels;
using FastScale.Engine.Repair;
using FastScale.Kubernetes.Adapters.Nodes;
using FastScale.Kubernetes.Adapters.Repair;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;

namespace FastScale.Kubernetes.Tests.Adapters.Repair;

public sealed class KubernetesNodeHealthSourceTests
{
    private const string Region = "cn-hangzhou";
    private static readonly DateTimeOffset Since = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("i-abc")]
    [InlineData("cn-hangzhou.i-abc")]
    [InlineData("alicloud://cn-hangzhou.i-abc")]
    public void Find_ByInstanceIdOrProviderId_FindsTheNodeInEitherProviderIdForm(string asked)
    {
        var plain = new NodeIndexInformer(NodeObjects.WithReady("n1", "True", Since, "cn-hangzhou.i-abc"));
        var scheme = new NodeIndexInformer(NodeObjects.WithReady("n1", "True", Since, "alicloud://cn-hangzhou.i-abc"));

        Assert.Equal(new NodeHealth("n1", NodeReadiness.Ready, Since), new KubernetesNodeHealthSource(plain).Find(asked));
        Assert.Equal(new NodeHealth("n1", NodeReadiness.Ready, Since), new KubernetesNodeHealthSource(scheme).Find(asked));
    }

    [Fact]
    public void Find_NoNodeForTheInstance_IsNull()
    {
        var informer = new NodeIndexInformer(NodeObjects.WithReady("n1", "True", Since, "cn-hangzhou.i-other"));

        Assert.Null(new KubernetesNodeHealthSource(informer).Find("i-abc"));
    }

    [Fact]
    public void Find_SkipsNodesBeingDeleted_AndPrefersAReadyNode()
    {
        var deleting = NodeObjects.WithReady("old", "True", Since, "cn-hangzhou.i-abc") with
        {
            Metadata = new ObjectMeta { Name = "old", DeletionTimestamp = Since },
        };
        var notReady = NodeObjects.WithReady("a", "False", Since, "cn-hangzhou.i-abc");
        var ready = NodeObjects.WithReady("b", "True", Since, "cn-hangzhou.i-abc");

        Assert.Equal("b", new KubernetesNodeHealthSource(new NodeIndexInformer(deleting, notReady, ready)).Find("i-abc")?.NodeName);
        Assert.Equal("a", new KubernetesNodeHealthSource(new NodeIndexInformer(deleting, notReady)).Find("i-abc")?.NodeName);
        Assert.Null(new KubernetesNodeHealthSource(new NodeIndexInformer(deleting)).Find("i-abc"));
    }

    [Fact]
    public void HasSynced_FollowsTheInformer()
    {
        var informer = new NodeIndexInformer { Synced = false };
        var source = new KubernetesNodeHealthSource(informer);

        Assert.False(source.HasSynced);
        informer.Synced = true;
        Assert.True(source.HasSynced);
    }

    /// <summary>A fixed set of nodes with the real index functions.</summary>
    private sealed class NodeIndexInformer(params Node[] nodes) : IInformer<Node>
    {
        public bool Synced { get; set; } = true;
        public bool HasSynced => Synced;
        public string? ResourceVersion => "1";
        public int Count => nodes.Length;

        public Task WaitForSyncAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Node? Get(string key) => nodes.FirstOrDefault(n => n.Metadata?.Name == key);

        public IReadOnlyList<Node> List() => nodes;

        public IReadOnlyList<Node> GetByIndex(string indexName, string value) =>
            [.. nodes.Where(n => NodeIndexes.ForNodes[indexName](n).Contains(value, StringComparer.Ordinal))];

        public ChannelReader<InformerChange<Node>> Subscribe(bool replayExisting = true) => Channel.CreateUnbounded<InformerChange<Node>>().Reader;

        public Task RunAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
