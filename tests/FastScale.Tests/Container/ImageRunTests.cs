using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text.Json;
using FastScale.Grpc.CloudProvider;
using FastScale.Grpc.Protos;
using FastScale.Grpc.Transport;
using FastScale.Serve;
using FastScale.Tests.Commands;
using Xunit.Abstractions;

namespace FastScale.Tests.Container;

/// <summary>
/// The image without a container runtime: its file system built from the Dockerfile (the build stage's <c>dotnet</c>
/// steps run here with the Dockerfile's own words), then its ENTRYPOINT started with the image's working directory and
/// environment, no SDK on PATH and no DOTNET_ROOT, so the self-contained publish has to carry its own runtime.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ImageRunTests(PublishedImage image, ITestOutputHelper output) : IClassFixture<PublishedImage>
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void PublishedApp_IsSelfContainedWithANativeEntrypoint_AndItsSizeIsReported()
    {
        foreach (var step in image.BuildSteps)
        {
            output.WriteLine(step.Split('\n')[0]);
        }

        var files = Directory.EnumerateFiles(image.PublishDirectory, "*", SearchOption.AllDirectories).Select(f => new FileInfo(f)).ToList();
        var bytes = files.Sum(f => f.Length);
        output.WriteLine($"build stage reproduced in {image.BuildTime.TotalSeconds:F0} s; published {files.Count} files, {bytes:N0} bytes ({bytes / 1048576.0:F1} MiB): the image is this plus the runtime-deps base");

        var header = new byte[4];
        using (var entrypoint = File.OpenRead(image.Entrypoint))
        {
            entrypoint.ReadExactly(header);
        }

        Assert.Equal("\u007fELF"u8.ToArray(), header);
        Assert.True(File.GetUnixFileMode(image.Entrypoint).HasFlag(UnixFileMode.OtherExecute), $"{image.Entrypoint} is not executable by an arbitrary user");
        using var runtimeConfig = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(image.Entrypoint, ".runtimeconfig.json")));
        var options = runtimeConfig.RootElement.GetProperty("runtimeOptions");
        Assert.True(options.TryGetProperty("includedFrameworks", out _), "the runtimeconfig names no included frameworks: the publish is not self-contained");
        Assert.False(options.TryGetProperty("frameworks", out _) || options.TryGetProperty("framework", out _), "the runtimeconfig asks for an installed framework");
        Assert.True(File.Exists(Path.Combine(image.PublishDirectory, "libcoreclr.so")), "no runtime in the published folder");
        // A budget, not a measurement: an accidental dependency or a framework-dependent fallback shows up here.
        Assert.InRange(bytes, 20L << 20, 160L << 20);
    }

    [Fact]
    public async Task DefaultCommand_ServesNodeGroupsAndHealthz_OnItsOwnRuntime_AndStopsOnSigterm()
    {
        var grpcPort = FreeLoopbackPort();
        var metricsPort = FreeLoopbackPort();
        var arguments = image.DefaultCommand.Select(a => a switch
        {
            _ when a.StartsWith("--listen=", StringComparison.Ordinal) => $"--listen=127.0.0.1:{grpcPort}",
            _ when a.StartsWith("--metrics=", StringComparison.Ordinal) => $"--metrics=127.0.0.1:{metricsPort}",
            _ => a,
        }).ToList();
        Assert.Equal(["serve", "--embedded"], arguments.Where(a => !a.Contains("127.0.0.1", StringComparison.Ordinal)));
        var before = FileSnapshot.Take(image.Image.Root, image.WorkingDirectory);

        using var serve = ContainerProcess.Start(image.Entrypoint, [.. image.EntrypointArguments, .. arguments], image.WorkingDirectory, image.Environment());
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var health = await PollAsync(serve, async () =>
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{metricsPort}/healthz"));
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null;
        });
        Assert.Equal("ok", health.Trim());

        using var grpc = new GrpcClient(new Uri($"http://127.0.0.1:{grpcPort}"));
        var groups = await PollAsync(serve, async () =>
            await grpc.UnaryAsync(CloudProviderService.ServiceName, "NodeGroups", new NodeGroupsRequest(), NodeGroupsResponse.Parser));
        var policy = EmbeddedPolicy.Load().Policy!;
        Assert.Equal(
            policy.NodeGroups.Select(g => (g.Id, g.MinSize, g.MaxSize)),
            groups.NodeGroups.Select(g => (g.Id, g.MinSize, g.MaxSize)));

        // Without PATH or DOTNET_ROOT a framework-dependent apphost still finds /usr/share/dotnet on its own: only the
        // mapped files show which runtime this process really runs on.
        var mapped = File.ReadAllLines($"/proc/{serve.Id}/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length == 6).Select(f => f[5]).ToHashSet();
        // …/dotnet/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll: the install this test host runs on.
        var installedDotnet = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        Assert.Contains(Path.Combine(image.PublishDirectory, "libcoreclr.so"), mapped);
        Assert.DoesNotContain(mapped, m => m.StartsWith(installedDotnet + "/", StringComparison.Ordinal));

        serve.SendSigterm();
        Assert.True(await serve.WaitForExitAsync(TimeSpan.FromSeconds(20)), $"no exit within 20 s of SIGTERM:\n{serve.Describe()}");
        Assert.True(serve.ExitCode == 0, serve.Describe());
        Assert.Empty(FileSnapshot.Take(image.Image.Root, image.WorkingDirectory).ChangedSince(before));
    }

    [Fact]
    public async Task BurstCold20_CompletesWithExitCodeZero_WritingOnlyUnderTheWorkingDirectory()
    {
        var before = FileSnapshot.Take(image.Image.Root, image.WorkingDirectory);
        var clock = Stopwatch.StartNew();

        using var burst = ContainerProcess.Start(image.Entrypoint, [.. image.EntrypointArguments, "burst", "--scenario", "cold-20"], image.WorkingDirectory, image.Environment());
        Assert.True(await burst.WaitForExitAsync(TimeSpan.FromSeconds(120)), $"burst did not finish within 120 s:\n{burst.Describe()}");

        output.WriteLine($"burst --scenario cold-20: exit code {burst.ExitCode} after {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(burst.ExitCode == 0, burst.Describe());
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(image.WorkingDirectory, "reports"), "report.json", SearchOption.AllDirectories));
        Assert.Empty(FileSnapshot.Take(image.Image.Root, image.WorkingDirectory).ChangedSince(before));
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Retries <paramref name="read"/> until it answers (not null, no exception) or the process exits or time runs out.</summary>
    private static async Task<T> PollAsync<T>(ChildProcess process, Func<Task<T?>> read)
    {
        var deadline = Stopwatch.StartNew();
        Exception? last = null;
        while (deadline.Elapsed < StartTimeout)
        {
            try
            {
                if (await read() is { } answer)
                {
                    return answer;
                }
            }
            catch (Exception e) when (e is HttpRequestException or GrpcStatusException or TaskCanceledException)
            {
                last = e;
            }

            if (await process.WaitForExitAsync(TimeSpan.FromMilliseconds(100)))
            {
                break;
            }
        }

        throw new Xunit.Sdk.XunitException($"no answer within {StartTimeout.TotalSeconds} s (last error: {last?.Message}):\n{process.Describe()}");
    }
}
