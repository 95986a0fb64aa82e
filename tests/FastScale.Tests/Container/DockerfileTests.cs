using System.Text.RegularExpressions;
using System.Xml.Linq;
using FastScale.Tests.Deploy;
using YamlDotNet.RepresentationModel;

namespace FastScale.Tests.Container;

/// <summary>
/// The Dockerfile read against the repository and against deploy/ as kustomize renders it: what it copies exists and
/// reaches the builder, and the user, ports, writable path and image name are the ones the Deployment expects.
/// </summary>
public sealed partial class DockerfileTests
{
    private readonly Dockerfile _dockerfile = Dockerfile.Load();

    [Fact]
    public void CopySources_ExistInTheRepository_AndPassDockerignore()
    {
        var ignore = DockerIgnore.Load();
        var copies = _dockerfile.Stages.SelectMany(s => s.Copies).Where(c => c.From is null).ToList();

        Assert.NotEmpty(copies);
        foreach (var copy in copies)
        {
            foreach (var source in copy.Sources.Select(s => s.TrimEnd('/')))
            {
                var path = Path.Combine(RepositoryPaths.Root, source);
                var files = Directory.Exists(path)
                    ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(RepositoryPaths.Root, f).Replace('\\', '/')).ToList()
                    : File.Exists(path) ? [source] : [];
                Assert.True(files.Count > 0, $"Dockerfile line {copy.Line}: COPY {source}: not in the repository");
                Assert.True(files.Any(ignore.IsIncluded), $"Dockerfile line {copy.Line}: COPY {source}: .dockerignore keeps it out of the build context");
            }
        }
    }

    [Fact]
    public void Dockerignore_KeepsBuildOutputAndTestsOutOfTheContext()
    {
        var ignore = DockerIgnore.Load();

        Assert.True(ignore.IsIncluded("src/FastScale/Program.cs"));
        Assert.True(ignore.IsIncluded("deploy/policy.yaml"));
        Assert.False(ignore.IsIncluded("src/FastScale/bin/Release/net10.0/FastScale.dll"));
        Assert.False(ignore.IsIncluded("src/FastScale/obj/project.assets.json"));
        Assert.False(ignore.IsIncluded("tests/FastScale.Tests/FastScale.Tests.csproj"));
        Assert.False(ignore.IsIncluded("deploy/access-key/fastscale-ecs-credentials.yaml"));
        Assert.False(ignore.IsIncluded(".git/HEAD"));
    }

    [Fact]
    public async Task User_IsDeploysNumericRunAsUserAndGroup()
    {
        var pod = await FastScalePodAsync();
        var security = pod.Pod.Map("securityContext")!;

        var user = _dockerfile.Final.Single("USER").Arguments;

        Assert.Matches(@"^\d+:\d+$", user);
        Assert.Equal($"{security.Str("runAsUser")}:{security.Str("runAsGroup")}", user);
        Assert.NotEqual("0", user.Split(':')[0]);
    }

    [Fact]
    public async Task ExposedPorts_AreDeploysContainerPorts_AndTheDefaultCommandListensOnThem()
    {
        var pod = await FastScalePodAsync();
        var containerPorts = pod.Container.Seq("ports").OfType<YamlMappingNode>().Select(p => p.Str("containerPort")!).Order().ToList();

        var exposed = _dockerfile.Final.All("EXPOSE").SelectMany(e => e.Words()).Order().ToList();
        var command = _dockerfile.Final.Single("CMD").ExecForm();
        var listening = command.Where(a => a.StartsWith("--listen=", StringComparison.Ordinal) || a.StartsWith("--metrics=", StringComparison.Ordinal))
            .Select(a => a[(a.LastIndexOf(':') + 1)..]).Order().ToList();

        Assert.Equal(containerPorts, exposed);
        Assert.Equal(exposed, listening);
        Assert.Equal(pod.Arg("--listen")!.Split(':')[1], command.Single(a => a.StartsWith("--listen=", StringComparison.Ordinal)).Split(':')[1]);
        Assert.Equal(pod.Arg("--metrics")!.Split(':')[1], command.Single(a => a.StartsWith("--metrics=", StringComparison.Ordinal)).Split(':')[1]);
    }

    [Fact]
    public void Entrypoint_IsTheAppHostThePublishStepWrites_CopiedIntoTheFinalStage()
    {
        var publish = PublishStep();
        var words = publish.Words();
        var output = words[words.ToList().IndexOf("-o") + 1];
        var project = words.Single(w => w.EndsWith(".csproj", StringComparison.Ordinal));
        var assemblyName = XDocument.Load(Path.Combine(RepositoryPaths.Root, project)).Descendants("AssemblyName").Single().Value;
        var copy = _dockerfile.Final.Copies.Single(c => c.From == _dockerfile.Stages[0].Name);

        var entrypoint = _dockerfile.Final.Single("ENTRYPOINT").ExecForm();

        Assert.Contains("--self-contained", words);
        Assert.Equal("linux-x64", words[words.ToList().IndexOf("-r") + 1]);
        Assert.Equal([output], copy.Sources);
        Assert.Equal($"{copy.Destination.TrimEnd('/')}/{assemblyName}", entrypoint[0]);
        Assert.StartsWith("mcr.microsoft.com/dotnet/runtime-deps:", _dockerfile.Final.BaseImage, StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", _dockerfile.Stages[0].BaseImage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkingDirectoryAndTmpdir_AreDeploysWritableEmptyDir_AndDiagnosticsAreOff()
    {
        var pod = await FastScalePodAsync();
        var emptyDirs = pod.Pod.Seq("volumes").OfType<YamlMappingNode>().Where(v => v.Child("emptyDir") is not null).Select(v => v.Str("name")).ToHashSet();
        var writable = pod.Container.Seq("volumeMounts").OfType<YamlMappingNode>().Where(m => emptyDirs.Contains(m.Str("name"))).Select(m => m.Str("mountPath")).ToList();
        var environment = _dockerfile.Final.Environment;

        Assert.Equal("true", pod.Container.Path("securityContext")!.Str("readOnlyRootFilesystem"));
        Assert.Contains(_dockerfile.Final.All("WORKDIR").Last().Arguments, writable);
        Assert.Contains(environment["TMPDIR"], writable);
        Assert.Equal("0", environment["DOTNET_EnableDiagnostics"]);
    }

    [Fact]
    public async Task ReadmeBuildCommand_TagsTheImageDeployRuns()
    {
        var pod = await FastScalePodAsync();
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));

        var tags = DockerBuildTag().Matches(readme).Select(m => m.Groups["tag"].Value).ToList();

        Assert.NotEmpty(tags);
        Assert.All(tags, t => Assert.Equal(pod.Container.Str("image"), t));
    }

    private DockerInstruction PublishStep() =>
        _dockerfile.Stages[0].All("RUN").Single(r => r.Arguments.StartsWith("dotnet publish ", StringComparison.Ordinal));

    private static async Task<PodSpecs> FastScalePodAsync() =>
        PodSpecs.Of((await Kustomize.BuildAsync(RepositoryPaths.Deploy)).Get("Deployment", "fastscale"));

    [GeneratedRegex(@"docker build -t (?<tag>\S+) \.")]
    private static partial Regex DockerBuildTag();
}
