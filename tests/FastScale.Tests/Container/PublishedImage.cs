using System.Diagnostics;

namespace FastScale.Tests.Container;

/// <summary>
/// The image's file system built once per test class (the publish is most of a minute on two cores), and how a
/// container of it would start its process: the ENTRYPOINT's file, the working directory and the environment.
/// </summary>
public sealed class PublishedImage : IAsyncLifetime
{
    /// <summary>The search path a container gets by default, less every folder holding a <c>dotnet</c> host.</summary>
    private static readonly string[] ContainerPath = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    private ImageBuild? _build;

    internal Dockerfile Dockerfile { get; } = Dockerfile.Load();

    internal StageFiles Image => (_build ?? throw new InvalidOperationException("not built")).Image;

    internal IReadOnlyList<string> BuildSteps => _build?.Steps ?? [];

    public TimeSpan BuildTime { get; private set; }

    /// <summary>The ENTRYPOINT's file on this machine.</summary>
    public string Entrypoint => Image.Map(Dockerfile.Final.Single("ENTRYPOINT").ExecForm()[0]);

    public IReadOnlyList<string> EntrypointArguments => [.. Dockerfile.Final.Single("ENTRYPOINT").ExecForm().Skip(1)];

    public IReadOnlyList<string> DefaultCommand => Dockerfile.Final.Single("CMD").ExecForm();

    public string PublishDirectory => Path.GetDirectoryName(Entrypoint)!;

    public string WorkingDirectory => Image.Map(Image.WorkingDirectory);

    /// <summary>
    /// What the process sees in a container: the image's ENV (paths moved under the image's root), HOME at the image's
    /// "/" as for a user with no passwd entry, and a PATH without the SDK, so nothing can fall back to an installed runtime.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment()
    {
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = string.Join(':', ContainerPath.Where(d => !File.Exists(Path.Combine(d, "dotnet")))),
            ["HOME"] = Image.Root,
        };
        foreach (var (name, value) in Image.Environment)
        {
            environment[name] = value.StartsWith('/') ? Image.Map(value) : value;
        }

        return environment;
    }

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        _build = await ImageBuild.RunAsync(Dockerfile, DockerIgnore.Load());
        BuildTime = clock.Elapsed;
    }

    public Task DisposeAsync()
    {
        _build?.Dispose();
        return Task.CompletedTask;
    }
}
