namespace FastScale.Tests.Container;

/// <summary>
/// The image's file system, built from the Dockerfile without a container builder: each stage gets a directory that
/// stands for its "/", COPY copies from the repository filtered through .dockerignore (or from an earlier stage's
/// directory), WORKDIR and ENV carry through, and each RUN runs here with the same words, its absolute paths moved
/// under the stage's directory. Only <c>dotnet</c> RUN steps are accepted: the build stage has to be reproducible
/// with the SDK on this machine, which is what makes the published output a fair stand-in for the image's.
/// </summary>
internal sealed class ImageBuild : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(4);

    private readonly string _root;
    private readonly List<StageFiles> _stages = [];
    private readonly List<string> _steps = [];

    private ImageBuild(string root) => _root = root;

    /// <summary>Every RUN step as it ran here: the command line, its exit code and output.</summary>
    public IReadOnlyList<string> Steps => _steps;

    /// <summary>The final stage: the image.</summary>
    public StageFiles Image => _stages[^1];

    public static async Task<ImageBuild> RunAsync(Dockerfile dockerfile, DockerIgnore ignore)
    {
        var build = new ImageBuild(Directory.CreateTempSubdirectory("fastscale-image-").FullName);
        try
        {
            foreach (var stage in dockerfile.Stages)
            {
                var files = new StageFiles(stage, Path.Combine(build._root, $"stage{build._stages.Count}"));
                Directory.CreateDirectory(files.Root);
                build._stages.Add(files);
                foreach (var instruction in stage.Instructions)
                {
                    await build.ApplyAsync(files, instruction, ignore);
                }
            }

            return build;
        }
        catch
        {
            build.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A process of the image may still hold a file open; the temp folder is reclaimed with the machine's.
        }
    }

    private async Task ApplyAsync(StageFiles stage, DockerInstruction instruction, DockerIgnore ignore)
    {
        switch (instruction.Keyword)
        {
            case "WORKDIR":
                stage.WorkingDirectory = ContainerPath.Resolve(stage.WorkingDirectory, instruction.Arguments);
                Directory.CreateDirectory(stage.Map(stage.WorkingDirectory));
                break;
            case "ENV":
                foreach (var (name, value) in instruction.Words().Select(w => w.Split('=', 2)).Select(p => (p[0], p[1])))
                {
                    stage.Environment[name] = value;
                }

                break;
            case "COPY":
                Copy(stage, DockerCopy.Parse(instruction), ignore);
                break;
            case "RUN":
                await RunAsync(stage, instruction);
                break;
            case "USER" or "EXPOSE" or "ENTRYPOINT" or "CMD":
                break;
            default:
                throw new Xunit.Sdk.XunitException($"Dockerfile line {instruction.Line}: the container tests do not emulate {instruction.Keyword}");
        }
    }

    private void Copy(StageFiles stage, DockerCopy copy, DockerIgnore ignore)
    {
        var destination = ContainerPath.Resolve(stage.WorkingDirectory, copy.Destination);
        var intoDirectory = copy.Destination.EndsWith('/') || copy.Sources.Count > 1;
        foreach (var source in copy.Sources)
        {
            var (from, relative) = copy.From is null
                ? (Deploy.RepositoryPaths.Root, source.TrimEnd('/'))
                : (StageNamed(copy.From).Root, source.TrimStart('/').TrimEnd('/'));
            var path = Path.Combine(from, relative);
            if (Directory.Exists(path))
            {
                var copied = 0;
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
                {
                    var inside = Path.GetRelativePath(path, file).Replace('\\', '/');
                    if (copy.From is null && !ignore.IsIncluded($"{relative}/{inside}"))
                    {
                        continue;
                    }

                    CopyFile(file, Path.Combine(stage.Map(destination), inside));
                    copied++;
                }

                Assert.True(copied > 0, $"Dockerfile line {copy.Line}: nothing of {source} reaches the builder (.dockerignore or an empty folder)");
            }
            else if (File.Exists(path))
            {
                Assert.True(copy.From is not null || ignore.IsIncluded(relative), $"Dockerfile line {copy.Line}: .dockerignore keeps {source} out of the build context");
                CopyFile(path, intoDirectory ? Path.Combine(stage.Map(destination), Path.GetFileName(path)) : stage.Map(destination));
            }
            else
            {
                Assert.Fail($"Dockerfile line {copy.Line}: COPY {source}: no such file or folder {(copy.From is null ? "in the repository" : $"in stage {copy.From}")}");
            }
        }
    }

    private async Task RunAsync(StageFiles stage, DockerInstruction run)
    {
        var words = run.Words();
        Assert.True(words[0] == "dotnet", $"Dockerfile line {run.Line}: only `dotnet …` RUN steps can be reproduced here, found `{words[0]}`");

        // The SDK's own variables (DOTNET_ROOT, NUGET_PACKAGES, …) carry over; the test host's MSBuild ones point at
        // its own build and would leak into the image's, which starts from a clean SDK.
        var environment = System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => (Name: (string)e.Key, Value: (string?)e.Value ?? ""))
            .Where(e => !e.Name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(e => e.Name, e => e.Value);
        foreach (var (name, value) in stage.Environment)
        {
            environment[name] = value;
        }

        var arguments = words.Skip(1).Select(w => w.StartsWith('/') ? stage.Map(w) : w);
        using var step = ContainerProcess.Start("dotnet", arguments, stage.Map(stage.WorkingDirectory), environment);
        var exited = await step.WaitForExitAsync(StepTimeout);
        _steps.Add(step.Describe());
        Assert.True(exited && step.ExitCode == 0, $"Dockerfile line {run.Line} failed{(exited ? "" : $" to finish within {StepTimeout}")}:\n{step.Describe()}");
    }

    private StageFiles StageNamed(string name) =>
        _stages.SingleOrDefault(s => s.Stage.Name == name) ?? throw new Xunit.Sdk.XunitException($"COPY --from={name}: no earlier stage has that name");

    private static void CopyFile(string source, string destination)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.Copy(source, destination, overwrite: true);
    }
}
