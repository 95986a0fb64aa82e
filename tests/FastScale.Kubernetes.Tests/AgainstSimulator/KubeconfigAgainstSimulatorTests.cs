using System.Globalization;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Kubernetes.Tests.TestSupport;

namespace FastScale.Kubernetes.Tests.AgainstSimulator;

public sealed class KubeconfigAgainstSimulatorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fastscale-kubeconfig-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    public async Task Kubeconfig_PlainHttpServerWithToken_LoadsAndTalksToTheSimulator(string suffix)
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.SeedNode("n1", "cn-hangzhou.i-1");
        var server = $"http://127.0.0.1:{sim.Server.Address.Port.ToString(CultureInfo.InvariantCulture)}{suffix}";
        var path = Path.Combine(_folder, "config");
        await File.WriteAllTextAsync(path, $"""
            apiVersion: v1
            kind: Config
            current-context: sim
            clusters:
            - name: sim
              cluster:
                server: {server}
            contexts:
            - name: sim
              context:
                cluster: sim
                user: sim
                namespace: fastscale
            users:
            - name: sim
              user:
                token: simulator-token
            """);

        var loaded = KubeconfigLoader.Load(path);
        Assert.True(loaded.IsSuccess, string.Join("; ", loaded.Errors));
        await using var client = KubernetesApiClientFactory.Create(loaded.Config!, new KubernetesClientOptions(), sim.Time);
        var list = await client.ListAsync(KubernetesResources.Nodes, null, null, CancellationToken.None).Within();
        var created = await client.CreateAsync(KubernetesResources.Pods, new FastScale.Kubernetes.Models.Pod { Metadata = new FastScale.Kubernetes.Models.ObjectMeta { Name = "p1", Namespace = loaded.Config!.Namespace } }, CancellationToken.None).Within();

        Assert.Equal("fastscale", loaded.Config!.Namespace);
        Assert.Equal("n1", Assert.Single(list.GetValueOrThrow().Items!).Metadata!.Name);
        Assert.True(created.IsSuccess, created.ToString());
    }
}
