using System.Diagnostics;
using FastScale.Engine.NodeGroups;
using FastScale.Grpc.CloudProvider;
using FastScale.Grpc.Protos;
using FastScale.Grpc.Transport;
using FastScale.Serve;
using FastScale.Serve.Reload;
using FastScale.Testing.Cloud;
using FastScale.Tests.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace FastScale.Tests.Serve.Reload;

/// <summary>
/// serve in-process with a policy file: what the autoscaler reads over gRPC and what /metrics shows after reloads, and
/// a real SIGHUP sent to this process. Real sockets, so waits are polled and bounded; the reloads themselves are
/// triggered, not waited for (poll interval 0: SIGHUP only).
/// </summary>
public sealed class PolicyReloadServeTests : IDisposable
{
    private const string Service = CloudProviderService.ServiceName;
    private readonly ConfigMapVolume _volume = new(SamplePolicy.Text());

    [Fact]
    public async Task Reload_NewLabelsAndMaxSizeReachTheAutoscaler_AnInvalidFileIsRefused_AndMetricsPassPromtool()
    {
        await using var app = await StartAsync();
        using var grpc = new GrpcClient(ProviderApp.GrpcAddress(app));
        using var http = new HttpClient { BaseAddress = ProviderApp.MetricsAddress(app) };
        var reloader = app.Services.GetRequiredService<PolicyFileReloader>();
        var start = await ScrapeAsync(http);
        Assert.Equal(0, start.Value("fastscale_policy_reloads_total", ("outcome", "applied")));
        Assert.Equal(0, start.Value("fastscale_policy_reloads_total", ("outcome", "refused")));

        _volume.Update(SamplePolicy.WithNewImageAndLabel().Replace("maxSize: 1000", "maxSize: 900", StringComparison.Ordinal));
        reloader.OnHangup();
        var groups = await grpc.UnaryAsync(Service, "NodeGroups", new NodeGroupsRequest(), NodeGroupsResponse.Parser);
        var template = await grpc.UnaryAsync(Service, "NodeGroupTemplateNodeInfo", new NodeGroupTemplateNodeInfoRequest { Id = "general" },
            NodeGroupTemplateNodeInfoResponse.Parser);
        var applied = await ScrapeAsync(http);

        _volume.Update(SamplePolicy.Text().Replace("nodeGroups:", "nodeGroups: [", StringComparison.Ordinal));
        reloader.OnHangup();
        var refused = await ScrapeAsync(http);

#pragma warning disable CS0612 // the deprecated field is the one every autoscaler still reads
        Assert.Equal("general-v2", template.NodeInfo.Metadata.Labels["workload.fastscale.io/class"]);
#pragma warning restore CS0612
        Assert.Equal(900, groups.NodeGroups.Single(g => g.Id == "general").MaxSize);
        Assert.Equal("m-new", app.Services.GetRequiredService<NodeGroupRegistry>().Find("general")!.Policy.ImageId);
        Assert.Equal(1, applied.Value("fastscale_policy_reloads_total", ("outcome", "applied")));
        Assert.Equal(2, applied.Value("fastscale_policy_generation"));
        Assert.Equal(1, applied.Value("fastscale_policy_last_reload_success"));
        Assert.Equal(1, refused.Value("fastscale_policy_reloads_total", ("outcome", "refused")));
        Assert.Equal(2, refused.Value("fastscale_policy_generation"));
        Assert.Equal(0, refused.Value("fastscale_policy_last_reload_success"));
        Assert.True(refused.HasFamily("fastscale_policy_reloads_total", "counter"));
        await Promtool.AssertValidAsync(applied.Text);
        await Promtool.AssertValidAsync(refused.Text);
        await app.StopAsync();
    }

    [Fact]
    public async Task Sighup_SentToTheProcess_ReloadsThePolicy_AndDoesNotEndTheProcess()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return; // SIGHUP is a Unix signal; elsewhere serve reloads by polling only.
        }

        await using var app = await StartAsync();
        var registry = app.Services.GetRequiredService<NodeGroupRegistry>();
        _volume.Update(SamplePolicy.WithNewImageAndLabel());

        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-HUP", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!)
        {
            await kill.WaitForExitAsync();
            Assert.Equal(0, kill.ExitCode);
        }

        await Poll.UntilAsync(() => Task.FromResult(registry.Find("general")!.Policy.ImageId == "m-new"), "SIGHUP reload", seconds: 10);
        await app.StopAsync();
    }

    public void Dispose() => _volume.Dispose();

    private async Task<WebApplication> StartAsync()
    {
        var app = ProviderApp.Build(new ServeSettings
        {
            Policy = Engine.Policy.PolicyLoader.LoadFile(_volume.PolicyPath).Policy!,
            PolicyReload = new PolicyReloadOptions { Path = _volume.PolicyPath, PollInterval = TimeSpan.Zero },
            Grpc = new GrpcListenOptions { Listen = "127.0.0.1:0" },
            MetricsListen = "127.0.0.1:0",
            Cloud = InMemoryCloud.Factory(new InMemoryCloudOptions { ProvisionDelay = TimeSpan.Zero }),
        });
        await app.StartAsync();
        var registry = app.Services.GetRequiredService<NodeGroupRegistry>();
        await Poll.UntilAsync(() => Task.FromResult(registry.IsRecovered), "recovery", seconds: 30);
        return app;
    }

    private static async Task<Scrape> ScrapeAsync(HttpClient http) =>
        new(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)));
}
