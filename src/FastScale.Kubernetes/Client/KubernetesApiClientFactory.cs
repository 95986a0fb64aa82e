using FastScale.Kubernetes.Config;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastScale.Kubernetes.Client;

/// <summary>Builds a client for a configuration. Options are validated here, every problem reported at once.</summary>
public static class KubernetesApiClientFactory
{
    public static IKubernetesApiClient Create(
        KubernetesClientConfig config,
        KubernetesClientOptions? options = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
    {
        options ??= new KubernetesClientOptions();
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Kubernetes client options: " + string.Join("; ", problems), nameof(options));
        }

        timeProvider ??= TimeProvider.System;
        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger("FastScale.Kubernetes.Client");
        var handler = KubernetesHttpHandlerFactory.Create(config, timeProvider, logger);
        var baseAddress = config.Server.AbsoluteUri.EndsWith('/') ? config.Server : new Uri(config.Server.AbsoluteUri + "/");
        var http = new HttpClient(handler, disposeHandler: true) { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
        http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        return new KubernetesApiClient(http, options, timeProvider, logger);
    }
}
