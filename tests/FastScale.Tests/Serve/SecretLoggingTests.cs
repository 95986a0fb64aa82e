using System.Net;
using System.Net.Sockets;
using FastScale.Ecs.Credentials;
using FastScale.Grpc.CloudProvider;
using FastScale.Grpc.Protos;
using FastScale.Grpc.Transport;
using FastScale.Serve;
using FastScale.Simulation.Ecs;
using FastScale.Simulation.Ecs.Hosting;
using FastScale.Tests.Commands;

namespace FastScale.Tests.Serve;

/// <summary>
/// The ECS secret never reaches the logs. The provider runs as in a pod (credentials from the
/// <c>ALIBABA_CLOUD_*</c> variables, every category at Trace) against an ECS emulator that knows a distinctive secret,
/// scales out, meets an unknown-key error, and every line it printed is scanned.
/// </summary>
public sealed class SecretLoggingTests
{
    private const string KeyId = "LTAI-test-key-id-0001";
    private const string Secret = "s3cr3t-ECS-value-that-must-never-be-logged-7Qz";

    [Fact]
    public async Task Serve_ScaleOutWithEnvironmentCredentials_NeverLogsTheSecret()
    {
        var policy = EmbeddedPolicy.Load().Policy!;
        var options = new EcsEmulatorOptions { Listen = "127.0.0.1:0", RegionId = policy.Region, AccessKeyId = KeyId, AccessKeySecret = Secret };
        await using var ecs = await EcsEmulatorServer.StartAsync(options);
        var (grpcPort, metricsPort) = (FreePort(), FreePort());
        var environment = new Dictionary<string, string>
        {
            [EcsCredentialsLoader.AccessKeyIdVariable] = KeyId,
            [EcsCredentialsLoader.AccessKeySecretVariable] = Secret,
            ["Logging__LogLevel__Default"] = "Trace",
            ["Logging__LogLevel__Microsoft"] = "Trace",
        };
        using var host = HostProcess.Start(environment, "serve", "--policy", PolicyPath(), "--ecs-endpoint", ecs.Address,
            "--listen", $"127.0.0.1:{grpcPort}", "--metrics", $"127.0.0.1:{metricsPort}");
        Assert.True(await host.WaitForOutputAsync("127.0.0.1:" + grpcPort, TimeSpan.FromSeconds(60)), host.Output);
        using var client = new GrpcClient(new Uri($"http://127.0.0.1:{grpcPort}"));

        await RetryWhileUnavailableAsync(() => client.UnaryAsync(CloudProviderService.ServiceName, "NodeGroupIncreaseSize",
            new NodeGroupIncreaseSizeRequest { Id = "general", Delta = 4 }, NodeGroupIncreaseSizeResponse.Parser));
        await PollAsync(() => ecs.Emulator.Instances().Count == 4);
        Assert.True(await host.WaitForOutputAsync("ECS RunInstances ok", TimeSpan.FromSeconds(30)), "Debug logs are on: " + host.Output);
        ecs.Faults.FailNext("DescribeInstances", "InvalidAccessKeyId.NotFound", 404, times: 2);
        Assert.True(await host.WaitForOutputAsync("InvalidAccessKeyId.NotFound", TimeSpan.FromSeconds(30)), "the refused call is logged: " + host.Output);
        host.SendSigterm();
        Assert.True(await host.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        var output = host.Output;
        Assert.Equal(0, ecs.Counters.ErrorsByCode.GetValueOrDefault("SignatureDoesNotMatch"));
        Assert.Contains(" dbug: FastScale.", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(Secret), output, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Secret)), output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServeEmbedded_ScaleOut_NeverLogsTheEmulatorSecret()
    {
        var secret = new EcsEmulatorOptions().AccessKeySecret;
        var (grpcPort, metricsPort) = (FreePort(), FreePort());
        var environment = new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Trace", ["Logging__LogLevel__Microsoft"] = "Trace" };
        using var host = HostProcess.Start(environment, "serve", "--embedded", "--listen", $"127.0.0.1:{grpcPort}", "--metrics", $"127.0.0.1:{metricsPort}");
        Assert.True(await host.WaitForOutputAsync("127.0.0.1:" + grpcPort, TimeSpan.FromSeconds(60)), host.Output);
        using var client = new GrpcClient(new Uri($"http://127.0.0.1:{grpcPort}"));

        await RetryWhileUnavailableAsync(() => client.UnaryAsync(CloudProviderService.ServiceName, "NodeGroupIncreaseSize",
            new NodeGroupIncreaseSizeRequest { Id = "general", Delta = 3 }, NodeGroupIncreaseSizeResponse.Parser));
        Assert.True(await host.WaitForOutputAsync("ECS RunInstances ok", TimeSpan.FromSeconds(30)), "Debug logs are on: " + host.Output);
        host.SendSigterm();
        Assert.True(await host.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        Assert.DoesNotContain(secret, host.Output, StringComparison.Ordinal);
    }

    private static string PolicyPath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FastScale.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("repository root not found"), "deploy", "policy.yaml");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RetryWhileUnavailableAsync(Func<Task> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await call();
                return;
            }
            catch (GrpcStatusException e) when (e.StatusCode == GrpcStatusCode.Unavailable && attempt < 600)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
            }
        }
    }

    private static async Task PollAsync(Func<bool> done)
    {
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            if (done())
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }

        throw new TimeoutException("the provider did not create the instances within 60 s");
    }
}
