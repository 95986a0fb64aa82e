using FastScale.Testing;

namespace FastScale.Grpc.Tests.Interop;

/// <summary>
/// Finds the peer programs and fails (never skips) with the command that installs a missing one: an interop test that
/// quietly does nothing would prove nothing.
/// </summary>
internal static class InteropPeers
{
    /// <summary>Debian's interpreter, which the python3-grpcio package installs into; a pyenv python3 on PATH lacks it.</summary>
    public const string DebianPython = "/usr/bin/python3";

    public static string GrpcJsDirectory => RepoRoot.Combine("tests", "interop", "grpc");

    public static string PythonDirectory => RepoRoot.Combine("tests", "interop", "python");

    /// <summary>The node executable, once node and the locked npm packages are known to be there.</summary>
    public static string RequireGrpcJs()
    {
        var node = NodePeer.FindOnPath("node")
            ?? throw new InvalidOperationException("node is not on PATH: install Node.js 20 or later, then run npm ci in tests/interop/grpc");
        if (!File.Exists(Path.Combine(GrpcJsDirectory, "node_modules", "@grpc", "grpc-js", "package.json"))
            || !File.Exists(Path.Combine(GrpcJsDirectory, "node_modules", "@grpc", "proto-loader", "package.json")))
        {
            throw new InvalidOperationException($"the npm packages are not installed: run npm ci in tests/interop/grpc ({GrpcJsDirectory})");
        }

        return node;
    }

    /// <summary>Debian's python3, once it can import grpc and grpc_tools.</summary>
    public static async Task<string> RequirePythonGrpcAsync()
    {
        const string Install = "apt-get install python3-grpcio python3-grpc-tools python3-protobuf";
        if (!File.Exists(DebianPython))
        {
            throw new InvalidOperationException($"{DebianPython} is missing: {Install}");
        }

        var probe = await ExternalProcess.RunAsync(DebianPython, ["-c", "import grpc, grpc_tools.protoc"], PythonDirectory, TimeSpan.FromSeconds(30));
        if (probe.ExitCode != 0)
        {
            throw new InvalidOperationException($"{DebianPython} cannot import grpc and grpc_tools: {Install}\n{probe.Describe()}");
        }

        return DebianPython;
    }
}
