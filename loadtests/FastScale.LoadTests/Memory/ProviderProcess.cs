using System.Diagnostics;
using System.Globalization;

namespace FastScale.LoadTests.Memory;

/// <summary>
/// <c>fastscale serve</c> as a child process (the built <c>FastScale.dll</c> next to this assembly, run by the same
/// <c>dotnet</c> host), so its memory is its own and not the emulators'. Its output is drained (the provider logs at
/// Information) and the last lines kept for a failure message. Killed on dispose if still running.
/// </summary>
internal sealed class ProviderProcess : IDisposable
{
    private const int KeptLines = 40;

    private readonly Process _process;
    private readonly Queue<string> _tail = new();

    private ProviderProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Tail
    {
        get
        {
            lock (_tail)
            {
                return string.Join(Environment.NewLine, _tail);
            }
        }
    }

    /// <param name="environment">Set for the child on top of this process's own (the GC mode, credentials).</param>
    public static ProviderProcess Start(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "FastScale.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("the provider is built next to the load tests (FastScale.dll); build the load-test project", dll);
        }

        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var provider = new ProviderProcess(new Process { StartInfo = startInfo });
        provider._process.OutputDataReceived += (_, e) => provider.Keep(e.Data);
        provider._process.ErrorDataReceived += (_, e) => provider.Keep(e.Data);
        provider._process.Start();
        provider._process.BeginOutputReadLine();
        provider._process.BeginErrorReadLine();
        return provider;
    }

    /// <summary>The kernel's figures for the process now, in bytes: peak resident set (VmHWM), resident set (VmRSS) and
    /// its anonymous part (RssAnon: heaps, stacks, JIT'd code; the rest is mapped files such as the runtime's own).</summary>
    public (long Peak, long Resident, long Anonymous) Memory()
    {
        long peak = 0, resident = 0, anonymous = 0;
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line);
            }
            else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                resident = Kilobytes(line);
            }
            else if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
            {
                anonymous = Kilobytes(line);
            }
        }

        return (peak, resident, anonymous);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    /// <summary>The host running this process when it is <c>dotnet</c> (so the child gets the same runtime), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private static long Kilobytes(string line) =>
        long.Parse(line.AsSpan(line.IndexOf(':', StringComparison.Ordinal) + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > KeptLines)
            {
                _tail.Dequeue();
            }
        }
    }
}
