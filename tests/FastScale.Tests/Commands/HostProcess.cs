using System.Diagnostics;

namespace FastScale.Tests.Commands;

/// <summary>The built <c>FastScale.dll</c> started as its own process (<c>dotnet FastScale.dll …</c>).</summary>
internal static class HostProcess
{
    public static ChildProcess Start(params string[] arguments) => Start(new Dictionary<string, string>(), arguments);

    /// <param name="environment">Variables set for the child on top of this process's own.</param>
    public static ChildProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FastScale.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return ChildProcess.Start(start);
    }
}
