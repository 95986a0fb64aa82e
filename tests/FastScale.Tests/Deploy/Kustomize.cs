using System.ComponentModel;
using System.Diagnostics;

namespace FastScale.Tests.Deploy;

/// <summary><c>kubectl kustomize</c> (kustomize built into kubectl), the renderer <c>kubectl apply -k</c> uses.</summary>
internal static class Kustomize
{
    /// <summary>The rendered objects of the kustomization in <paramref name="directory"/>; fails the test when kubectl is missing or refuses.</summary>
    public static async Task<Manifests> BuildAsync(string directory)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(directory);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"kubectl is not installed ({e.Message}); the deploy tests render the manifests with `kubectl kustomize`");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"kubectl kustomize {directory} exited {process.ExitCode}:\n{await stderr}");
            return Manifests.Parse(await stdout);
        }
    }
}
