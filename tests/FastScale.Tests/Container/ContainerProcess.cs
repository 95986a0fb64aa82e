using System.Diagnostics;
using FastScale.Tests.Commands;

namespace FastScale.Tests.Container;

/// <summary>
/// A child process with exactly the environment it is given (nothing inherited): an image's process sees only what the
/// image and the pod give it.
/// </summary>
internal static class ContainerProcess
{
    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory };
        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return ChildProcess.Start(start);
    }
}
