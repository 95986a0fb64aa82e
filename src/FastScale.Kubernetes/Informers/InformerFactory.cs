using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastScale.Kubernetes.Informers;

public static class InformerFactory
{
    /// <param name="indexers">Secondary indexes by name, e.g. <see cref="InformerIndexes.ForNodes"/>.</param>
    /// <param name="random">Jitter source in [0, 1); pass a seeded one for deterministic runs.</param>
    public static IInformer<T> Create<T>(
        IKubernetesApiClient client,
        KubernetesResource<T> resource,
        InformerOptions? options = null,
        IReadOnlyDictionary<string, Func<T, IEnumerable<string>>>? indexers = null,
        TimeProvider? timeProvider = null,
        Func<double>? random = null,
        ILoggerFactory? loggerFactory = null)
        where T : class, IKubernetesObject
    {
        options ??= new InformerOptions();
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Informer options for {resource.Plural}: " + string.Join("; ", problems), nameof(options));
        }

        return new Informer<T>(
            client,
            resource,
            options,
            indexers ?? new Dictionary<string, Func<T, IEnumerable<string>>>(),
            timeProvider ?? TimeProvider.System,
            random ?? new Random().NextDouble,
            (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("FastScale.Kubernetes.Informers"));
    }
}
