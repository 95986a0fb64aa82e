using Xunit.Abstractions;

namespace FastScale.Grpc.Tests.Interop.GrpcNet;

/// <summary>
/// Runs named checks in order and writes "ok NAME" or "ok NAME (note)" to the test output, the lines the out-of-process
/// peers print, so the three clients' logs read alike. The first failure stops the run and names its check.
/// </summary>
internal sealed class CheckRunner(ITestOutputHelper output)
{
    private readonly List<string> _passed = [];
    private string? _note;

    public IReadOnlyList<string> Passed => _passed;

    /// <summary>A detail for the current check's "ok" line: which of two correct answers came, how long it took.</summary>
    public void Note(string note) => _note = note;

    public async Task<T> RunAsync<T>(string name, Func<Task<T>> body)
    {
        _note = null;
        T value;
        try
        {
            value = await body();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"FAIL {name}: {e.Message}", e);
        }

        output.WriteLine(_note is null ? $"ok {name}" : $"ok {name} ({_note})");
        _passed.Add(name);
        return value;
    }

    public Task RunAsync(string name, Func<Task> body) => RunAsync(name, async () =>
    {
        await body();
        return true;
    });
}
