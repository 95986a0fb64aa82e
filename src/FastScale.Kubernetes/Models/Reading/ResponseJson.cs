using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace FastScale.Kubernetes.Models.Reading;

/// <summary>How one client reads API answers: the source-generated metadata, with strings that repeat across objects
/// read through the client's own <see cref="StringPool"/>, and lists and string maps read into compact read-only forms.
/// Writing keeps the plain source-generated metadata.</summary>
internal sealed class ResponseJson
{
    /// <summary>String properties whose values repeat across objects, by declaring type and JSON name. Names, uids and
    /// resourceVersions are unique per object and stay out.</summary>
    private static readonly FrozenSet<(Type, string)> PooledProperties = new (Type, string)[]
    {
        (typeof(Pod), "apiVersion"), (typeof(Pod), "kind"),
        (typeof(Node), "apiVersion"), (typeof(Node), "kind"),
        (typeof(Lease), "apiVersion"), (typeof(Lease), "kind"),
        (typeof(ObjectMeta), "namespace"), (typeof(ObjectMeta), "generateName"),
        (typeof(OwnerReference), "apiVersion"), (typeof(OwnerReference), "kind"),
        (typeof(OwnerReference), "name"), (typeof(OwnerReference), "uid"),
        (typeof(PodSpec), "nodeName"), (typeof(PodSpec), "priorityClassName"), (typeof(PodSpec), "schedulerName"),
        (typeof(Container), "name"), (typeof(Container), "image"),
        (typeof(Toleration), "key"), (typeof(Toleration), "operator"), (typeof(Toleration), "value"), (typeof(Toleration), "effect"),
        (typeof(PodStatus), "phase"), (typeof(PodStatus), "nominatedNodeName"),
        (typeof(PodCondition), "type"), (typeof(PodCondition), "status"), (typeof(PodCondition), "reason"),
        (typeof(NodeCondition), "type"), (typeof(NodeCondition), "status"), (typeof(NodeCondition), "reason"), (typeof(NodeCondition), "message"),
        (typeof(Taint), "key"), (typeof(Taint), "value"), (typeof(Taint), "effect"),
        (typeof(NodeSelectorRequirement), "key"), (typeof(NodeSelectorRequirement), "operator"),
        (typeof(NodeAddress), "type"),
    }.ToFrozenSet();

    private readonly JsonSerializerOptions _options;

    public ResponseJson(StringPool pool, SharedValues shared)
    {
        var text = new PooledStringConverter(pool);
        var map = new PooledStringMapConverter(pool, shared);

        // Every list property type the models have, each read into exact-size arrays.
        var lists = new Dictionary<Type, JsonConverter>
        {
            [typeof(IReadOnlyList<string>)] = new ReadOnlyArrayConverter<string>(shared),
            [typeof(IReadOnlyList<OwnerReference>)] = new ReadOnlyArrayConverter<OwnerReference>(shared),
            [typeof(IReadOnlyList<Container>)] = new ReadOnlyArrayConverter<Container>(shared),
            [typeof(IReadOnlyList<Toleration>)] = new ReadOnlyArrayConverter<Toleration>(shared),
            [typeof(IReadOnlyList<PodCondition>)] = new ReadOnlyArrayConverter<PodCondition>(shared),
            [typeof(IReadOnlyList<NodeCondition>)] = new ReadOnlyArrayConverter<NodeCondition>(shared),
            [typeof(IReadOnlyList<NodeAddress>)] = new ReadOnlyArrayConverter<NodeAddress>(shared),
            [typeof(IReadOnlyList<Taint>)] = new ReadOnlyArrayConverter<Taint>(shared),
            [typeof(IReadOnlyList<NodeSelectorTerm>)] = new ReadOnlyArrayConverter<NodeSelectorTerm>(shared),
            [typeof(IReadOnlyList<NodeSelectorRequirement>)] = new ReadOnlyArrayConverter<NodeSelectorRequirement>(shared),
            [typeof(IReadOnlyList<StatusCause>)] = new ReadOnlyArrayConverter<StatusCause>(shared),
        };
        _options = new JsonSerializerOptions(KubernetesJsonContext.Default.Options)
        {
            TypeInfoResolver = KubernetesJsonContext.Default.WithAddedModifier(type =>
            {
                foreach (var property in type.Properties)
                {
                    if (lists.TryGetValue(property.PropertyType, out var list))
                    {
                        property.CustomConverter = list;
                    }
                    else if (property.PropertyType == typeof(IReadOnlyDictionary<string, string>))
                    {
                        property.CustomConverter = map;
                    }
                    else if (property.PropertyType == typeof(string) && PooledProperties.Contains((type.Type, property.Name)))
                    {
                        property.CustomConverter = text;
                    }
                }
            }),
        };
        _options.MakeReadOnly();
    }

    /// <summary>The pooled twin of one of <see cref="KubernetesJsonContext"/>'s types; any other type as given.</summary>
    public JsonTypeInfo<T> For<T>(JsonTypeInfo<T> type) =>
        ReferenceEquals(type.Options, KubernetesJsonContext.Default.Options)
            ? (JsonTypeInfo<T>)_options.GetTypeInfo(typeof(T))
            : type;
}
