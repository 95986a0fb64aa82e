using System.Text;
using System.Text.Json.Serialization.Metadata;
using FastScale.Kubernetes.Models;

namespace FastScale.Kubernetes.Client;

/// <summary>Where a kind lives in the API (group/version path, plural, scope) and how its JSON is read and written.
/// The well-known ones are on <see cref="KubernetesResources"/>.</summary>
public sealed class KubernetesResource<T>
    where T : class, IKubernetesObject
{
    public KubernetesResource(
        string apiPrefix,
        string plural,
        bool namespaced,
        JsonTypeInfo<T> objectType,
        JsonTypeInfo<KubernetesList<T>> listType)
    {
        ApiPrefix = apiPrefix.TrimEnd('/');
        Plural = plural;
        Namespaced = namespaced;
        ObjectType = objectType;
        ListType = listType;
    }

    /// <summary>"/api/v1" for the core group, "/apis/GROUP/VERSION" otherwise.</summary>
    public string ApiPrefix { get; }

    public string Plural { get; }
    public bool Namespaced { get; }
    public JsonTypeInfo<T> ObjectType { get; }
    public JsonTypeInfo<KubernetesList<T>> ListType { get; }

    /// <summary>The collection path. For a namespaced kind, a null namespace means all namespaces (list and watch only).</summary>
    public string CollectionPath(string? @namespace)
    {
        var path = new StringBuilder(ApiPrefix);
        if (Namespaced && !string.IsNullOrEmpty(@namespace))
        {
            path.Append("/namespaces/").Append(Uri.EscapeDataString(@namespace));
        }

        return path.Append('/').Append(Plural).ToString();
    }

    public string ItemPath(string? @namespace, string name)
    {
        if (Namespaced && string.IsNullOrEmpty(@namespace))
        {
            throw new ArgumentException($"{Plural} are namespaced: a namespace is required to address '{name}'", nameof(@namespace));
        }

        return CollectionPath(@namespace) + "/" + Uri.EscapeDataString(name);
    }
}
