using System.Text.Json;
using System.Text.Json.Serialization;

namespace FastScale.Kubernetes.Models;

/// <summary>metav1.Time: RFC 3339 in UTC with whole seconds ("2024-05-01T10:00:00Z"), as the API server writes it.</summary>
public sealed class KubernetesTimeConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        KubernetesTimeFormat.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options) =>
        KubernetesTimeFormat.Write(writer, value, "yyyy-MM-dd'T'HH:mm:ss'Z'");
}
