using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Kubernetes.Tests.Client;

public sealed class RequestPacerTests
{
    [Fact]
    public async Task WaitAsync_BurstSpent_NextTokenOnlyWhenTheClockAdvances()
    {
        var time = new FakeTimeProvider();
        await using var pacer = new RequestPacer(qps: 2, burst: 3, time);

        for (var i = 0; i < 3; i++)
        {
            Assert.True(pacer.WaitAsync(default).IsCompletedSuccessfully, $"burst token {i}");
        }

        var fourth = pacer.WaitAsync(default).AsTask();
        var fifth = pacer.WaitAsync(default).AsTask();
        Assert.False(fourth.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(500)); // one token at 2 QPS
        await fourth.Within();
        Assert.False(fifth.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(500));
        await fifth.Within();
    }

    [Fact]
    public async Task WaitAsync_QpsZero_NeverWaits()
    {
        await using var pacer = new RequestPacer(qps: 0, burst: 0, new FakeTimeProvider());

        for (var i = 0; i < 1000; i++)
        {
            Assert.True(pacer.WaitAsync(default).IsCompletedSuccessfully);
        }
    }

    [Fact]
    public async Task Client_PacesRequests_ButNotEventsOfAnOpenWatch()
    {
        var time = new FakeTimeProvider();
        await using var server = await FakeApiServer.StartAsync();
        server.OnJson("GET", "/api/v1/nodes/n", 200, Objects.Node("n", "1"), once: false);
        var watch = server.OnWatch("/api/v1/nodes");
        for (var i = 0; i < 50; i++)
        {
            watch.Send("ADDED", Objects.Node($"w{i}", $"{i + 10}"));
        }

        watch.End();
        await using var client = server.CreateClient(time, new KubernetesClientOptions { Qps = 1, Burst = 2 });

        var events = 0;
        await foreach (var _ in client.WatchAsync(KubernetesResources.Nodes, null, new WatchOptions(), default).WithCancellation(default))
        {
            events++; // 50 events behind one token
        }

        await client.GetAsync(KubernetesResources.Nodes, null, "n", default).Within(); // the second token
        var third = client.GetAsync(KubernetesResources.Nodes, null, "n", default);
        await Task.Delay(50); // room for a wrongly unpaced request to arrive; the pass does not depend on it
        Assert.False(third.IsCompleted);
        Assert.Equal(2, server.Requests.Count);

        time.Advance(TimeSpan.FromSeconds(1));
        await third.Within();
        Assert.Equal(50, events);
        Assert.Equal(3, server.Requests.Count);
    }
}
