using System.Text.Json;

namespace FastScale.Tests.Container;

/// <summary>
/// The repository's Dockerfile, read the way the builder reads it: line continuations joined, comments dropped, one
/// instruction per logical line, grouped into stages by FROM. Only the forms our Dockerfile uses are accepted; anything
/// else fails the test rather than being half-understood.
/// </summary>
internal sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerStage> stages) => Stages = stages;

    public IReadOnlyList<DockerStage> Stages { get; }

    /// <summary>The stage the image is made of: the last one.</summary>
    public DockerStage Final => Stages[^1];

    public static string RepositoryFile => Path.Combine(Deploy.RepositoryPaths.Root, "Dockerfile");

    public static Dockerfile Load() => Parse(File.ReadAllText(RepositoryFile));

    public static Dockerfile Parse(string text)
    {
        var stages = new List<DockerStage>();
        foreach (var (line, instruction) in LogicalLines(text))
        {
            var split = instruction.IndexOfAny([' ', '\t']);
            var keyword = (split < 0 ? instruction : instruction[..split]).ToUpperInvariant();
            var arguments = split < 0 ? "" : instruction[(split + 1)..].Trim();
            if (keyword == "FROM")
            {
                var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var name = words.Length == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
                stages.Add(new DockerStage(words[0], name, []));
                continue;
            }

            if (stages.Count == 0)
            {
                throw new FormatException($"Dockerfile line {line}: {keyword} before the first FROM");
            }

            stages[^1].Instructions.Add(new DockerInstruction(line, keyword, arguments));
        }

        return stages.Count > 0 ? new Dockerfile(stages) : throw new FormatException("the Dockerfile has no FROM");
    }

    public DockerStage Stage(string name) =>
        Stages.SingleOrDefault(s => s.Name == name) ?? throw new Xunit.Sdk.XunitException($"the Dockerfile has no stage named {name}");

    private static IEnumerable<(int Line, string Instruction)> LogicalLines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var current = "";
        var start = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith('#') || (line.Length == 0 && current.Length == 0))
            {
                continue;
            }

            if (current.Length == 0)
            {
                start = i + 1;
            }

            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }

            current += line;
            if (current.Trim().Length > 0)
            {
                yield return (start, current.Trim());
            }

            current = "";
        }

        if (current.Trim().Length > 0)
        {
            yield return (start, current.Trim());
        }
    }
}

/// <summary>One FROM and what follows it until the next FROM.</summary>
internal sealed record DockerStage(string BaseImage, string? Name, List<DockerInstruction> Instructions)
{
    public IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    public DockerInstruction Single(string keyword)
    {
        var found = All(keyword).ToList();
        return found.Count == 1 ? found[0] : throw new Xunit.Sdk.XunitException($"stage {Name ?? BaseImage} has {found.Count} {keyword} instructions, expected one");
    }

    public IEnumerable<DockerCopy> Copies => All("COPY").Select(DockerCopy.Parse);

    /// <summary>ENV key=value pairs in order; a later value replaces an earlier one.</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        All("ENV").SelectMany(i => i.Words()).Select(pair => pair.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
}

internal sealed record DockerInstruction(int Line, string Keyword, string Arguments)
{
    /// <summary>The arguments split on white space; quotes and shell syntax are refused, since nothing here uses them.</summary>
    public IReadOnlyList<string> Words()
    {
        if (Arguments.IndexOfAny(['"', '\'', '$', '&', '|', ';', '<', '>', '`', '(', ')']) >= 0 && !Arguments.StartsWith('['))
        {
            throw new Xunit.Sdk.XunitException($"Dockerfile line {Line}: `{Keyword} {Arguments}` uses quoting or shell syntax the container tests do not interpret");
        }

        return Arguments.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The exec form, <c>["a", "b"]</c>, of ENTRYPOINT and CMD.</summary>
    public IReadOnlyList<string> ExecForm() =>
        Arguments.StartsWith('[')
            ? JsonSerializer.Deserialize<string[]>(Arguments) ?? []
            : throw new Xunit.Sdk.XunitException($"Dockerfile line {Line}: {Keyword} must use the exec form [\"…\"], so no shell is needed in the image");
}

/// <summary>COPY [--from=STAGE] [--other flags] SOURCE… DEST.</summary>
internal sealed record DockerCopy(int Line, string? From, IReadOnlyList<string> Sources, string Destination)
{
    public static DockerCopy Parse(DockerInstruction copy)
    {
        var words = copy.Words();
        var flags = words.TakeWhile(w => w.StartsWith("--", StringComparison.Ordinal)).ToList();
        var paths = words.Skip(flags.Count).ToList();
        if (paths.Count < 2)
        {
            throw new Xunit.Sdk.XunitException($"Dockerfile line {copy.Line}: COPY needs a source and a destination");
        }

        var from = flags.Where(f => f.StartsWith("--from=", StringComparison.Ordinal)).Select(f => f["--from=".Length..]).SingleOrDefault();
        return new DockerCopy(copy.Line, from, paths[..^1], paths[^1]);
    }
}
