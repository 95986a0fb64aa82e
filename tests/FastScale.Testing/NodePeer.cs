using Xunit;

namespace FastScale.Testing;

/// <summary>
/// A Node.js peer under tests/interop/NAME: fails (never skips) with the command that installs what is missing, since
/// an interop test that quietly does nothing would prove nothing.
/// </summary>
public static class NodePeer
{
    /// <summary>The peer's folder, once node is on PATH and <paramref name="package"/> is installed there by npm ci.</summary>
    public static string Require(string name, string package)
    {
        var directory = RepoRoot.Combine("tests", "interop", name);
        Assert.True(FindOnPath("node") is not null, $"node is not on PATH: install Node.js 20 or later, then run npm ci in tests/interop/{name}");
        Assert.True(File.Exists(Path.Combine(directory, "node_modules", package, "package.json")),
            $"{package} is not installed: run npm ci in tests/interop/{name} ({directory})");
        return directory;
    }

    /// <summary>Runs <c>node SCRIPT ARGS…</c> in the peer's folder with <see cref="ExternalProcess"/>'s timeout.</summary>
    public static Task<ProcessResult> RunAsync(string directory, string script, IEnumerable<string> arguments, TimeSpan? timeout = null) =>
        ExternalProcess.RunAsync("node", [Path.Combine(directory, script), .. arguments], directory, timeout);

    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}
