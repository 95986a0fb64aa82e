using FastScale.Kubernetes.Adapters.Readiness;
using FastScale.Kubernetes.Models;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Kubernetes.Tests.Adapters.Readiness;

public sealed class KubernetesNodeReadinessTests
{
    private const string ProviderId = "cn-hangzhou.i-1";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal);

    private KubernetesNodeReadiness Readiness() => new(id => _nodes.GetValueOrDefault(id), _time);

    private void Register(string readyStatus, TimeSpan readyFor, params string[] taints) => _nodes[ProviderId] = new Node
    {
        Metadata = new ObjectMeta { Name = "i-1" },
        Spec = new NodeSpec { ProviderId = ProviderId, Taints = [.. taints.Select(t => new Taint { Key = t, Effect = "NoSchedule" })] },
        Status = new NodeStatus
        {
            Conditions = [new NodeCondition { Type = "Ready", Status = readyStatus, LastTransitionTime = _time.GetUtcNow() - readyFor }],
        },
    };

    [Fact]
    public void NoNodeYet_CannotTakePods()
    {
        Assert.False(Readiness().CanTakePods(ProviderId));
    }

    [Fact]
    public void ReadyLongEnough_CanTakePods()
    {
        Register("True", TimeSpan.FromSeconds(6));

        Assert.True(Readiness().CanTakePods(ProviderId));
    }

    [Fact]
    public void JustTurnedReady_IsStillSettling()
    {
        Register("True", TimeSpan.FromSeconds(1));

        Assert.False(Readiness().CanTakePods(ProviderId));
    }

    [Fact]
    public void ReadyButStillTaintedNotReady_CannotTakePods()
    {
        Register("True", TimeSpan.FromMinutes(1), "node.kubernetes.io/not-ready");

        Assert.False(Readiness().CanTakePods(ProviderId));
    }

    [Theory]
    [InlineData("False")]
    [InlineData("Unknown")]
    public void NotReady_CannotTakePods(string status)
    {
        Register(status, TimeSpan.FromMinutes(1));

        Assert.False(Readiness().CanTakePods(ProviderId));
    }
}
