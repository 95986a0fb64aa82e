using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Config;

/// <summary>Runs a credential plugin once as a child process: no stdin (never interactive), KUBERNETES_EXEC_INFO
/// set, killed with its children on timeout or cancellation. Its stdout carries the secret and is never logged.</summary>
internal sealed class ExecPluginRunner(ExecPluginConfig config, TimeProvider timeProvider, ILogger logger)
{
    private const int StderrShown = 500;

    public async Task<ExecCredential> RunAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(config.Command)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in config.Args)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in config.Env)
        {
            start.Environment[name] = value;
        }

        start.Environment["KUBERNETES_EXEC_INFO"] = ExecInfo();

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            var hint = config.InstallHint is null ? "" : $" ({config.InstallHint})";
            throw ExecCredentialParser.Failure(config, $"cannot be started: {e.Message}{hint}");
        }

        process.StandardInput.Close();
        var started = timeProvider.GetTimestamp();
        using var timeout = new CancellationTokenSource(config.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        string output;
        string errors;
        try
        {
            var reading = process.StandardOutput.ReadToEndAsync(linked.Token);
            var readingErrors = process.StandardError.ReadToEndAsync(linked.Token);
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            output = await reading.ConfigureAwait(false);
            errors = await readingErrors.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            if (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw ExecCredentialParser.Failure(config, $"did not finish within {config.Timeout.TotalSeconds:0.###} s and was killed");
            }

            throw;
        }

        Log.ExecPluginRan(logger, config.Command, process.ExitCode, timeProvider.GetElapsedTime(started).TotalMilliseconds);
        if (process.ExitCode != 0)
        {
            var shown = errors.Trim();
            shown = shown.Length > StderrShown ? shown[..StderrShown] + "…" : shown;
            throw ExecCredentialParser.Failure(config, $"exited with code {process.ExitCode}{(shown.Length > 0 ? ": " + shown : "")}");
        }

        return ExecCredentialParser.Parse(output, config);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    /// <summary>The ExecCredential request kubectl passes: always spec.interactive, the cluster when asked for.</summary>
    private string ExecInfo()
    {
        var spec = new JsonObject { ["interactive"] = false };
        if (config.Cluster is { } cluster)
        {
            var info = new JsonObject { ["server"] = cluster.Server.OriginalString };
            if (cluster.TlsServerName is not null)
            {
                info["tls-server-name"] = cluster.TlsServerName;
            }

            if (cluster.InsecureSkipTlsVerify)
            {
                info["insecure-skip-tls-verify"] = true;
            }

            if (cluster.CertificateAuthorityPem is not null)
            {
                info["certificate-authority-data"] = KubeconfigClusterReader.Base64(cluster.CertificateAuthorityPem);
            }

            if (cluster.ProxyUrl is not null)
            {
                info["proxy-url"] = cluster.ProxyUrl.OriginalString;
            }

            if (cluster.DisableCompression)
            {
                info["disable-compression"] = true;
            }

            spec["cluster"] = info;
        }

        var request = new JsonObject { ["apiVersion"] = config.ApiVersion, ["kind"] = "ExecCredential", ["spec"] = spec };
        return request.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
