using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace FastScale.Tests.Commands;

/// <summary>
/// A child process started by a test, its standard output and error captured together, so the test can wait for a
/// line, send a POSIX signal and wait for the exit. Killed with its tree on dispose if still running.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waiters = [];

    private ChildProcess(Process process) => _process = process;

    public string CommandLine => string.Join(' ', [_process.StartInfo.FileName, .. _process.StartInfo.ArgumentList]);

    public int Id => _process.Id;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the process <paramref name="start"/> describes with its output redirected and its standard input
    /// closed (a process that reads a prompt must not wait for a test).</summary>
    public static ChildProcess Start(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        var child = new ChildProcess(new Process { StartInfo = start });
        child._process.OutputDataReceived += (_, e) => child.Append(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        child._process.Start();
        child._process.StandardInput.Close();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Completes when a line containing <paramref name="text"/> has been printed; false on timeout or exit.</summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        TaskCompletionSource seen;
        lock (_output)
        {
            if (_output.ToString().Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((text, seen));
        }

        var exited = _process.WaitForExitAsync();
        using var deadline = new CancellationTokenSource(timeout);
        var timedOut = Task.Delay(Timeout.InfiniteTimeSpan, deadline.Token);
        return await Task.WhenAny(seen.Task, exited, timedOut) == seen.Task;
    }

    /// <summary>True when the process exited within <paramref name="timeout"/>; its output is then complete.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        // Without a token this also waits for the redirected streams to drain.
        await _process.WaitForExitAsync();
        return true;
    }

    public void SendSigterm()
    {
        if (Kill(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public string Describe() =>
        $"""
        {CommandLine}
        {(_process.HasExited ? $"exit code {_process.ExitCode}" : "still running")}
        --- output ---
        {Output}
        """;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            foreach (var waiter in _waiters.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                waiter.Seen.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
