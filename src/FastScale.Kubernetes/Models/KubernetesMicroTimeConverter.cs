using System.Text.Json;
using System.Text.Json.Serialization;

namespace FastScale.Kubernetes.Models;

/// <summary>metav1.MicroTime: RFC 3339 in UTC with exactly six fractional digits, used by Lease and events.k8s.io times.</summary>
public sealed class KubernetesMicroTimeConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        KubernetesTimeFormat.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options) =>
        KubernetesTimeFormat.Write(writer, value, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'");
}
