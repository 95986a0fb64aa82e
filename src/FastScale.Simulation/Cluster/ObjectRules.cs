using System.Globalization;
using System.Text.Json.Nodes;

namespace FastScale.Simulation.Cluster;

/// <summary>
/// What the API server does to an object on the way in: system metadata on create (uid, creationTimestamp,
/// generation), what an update may and may not change (identity, the status/spec split of the status subresource,
/// optimistic concurrency on metadata.resourceVersion), and the pod binding subresource.
/// The store calls it under its write lock, which also guards the random source.
/// </summary>
internal sealed class ObjectRules(TimeProvider time, Random random)
{
    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public ApiError? PrepareCreate(ResourceKind kind, JsonObject obj, string? pathNamespace, Func<ObjectKey, bool> exists)
    {
        if (obj["metadata"] is not JsonObject metadata)
        {
            metadata = new JsonObject();
            obj["metadata"] = metadata;
        }

        if ((string?)obj["kind"] is { Length: > 0 } sentKind && sentKind != kind.Kind)
        {
            return ApiErrors.BadRequest($"the API version in the data ({(string?)obj["apiVersion"]}) does not match the expected API version ({kind.ApiVersion}) or kind {sentKind} is not {kind.Kind}");
        }

        if (kind.Namespaced)
        {
            var sentNamespace = (string?)metadata["namespace"];
            if (!string.IsNullOrEmpty(sentNamespace) && sentNamespace != pathNamespace)
            {
                return ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            metadata["namespace"] = pathNamespace;
        }
        else
        {
            metadata.Remove("namespace");
        }

        if (!string.IsNullOrEmpty((string?)metadata["resourceVersion"]))
        {
            return ApiErrors.BadRequest("resourceVersion should not be set on objects to be created");
        }

        var name = (string?)metadata["name"];
        if (string.IsNullOrEmpty(name) && (string?)metadata["generateName"] is { Length: > 0 } prefix)
        {
            do
            {
                name = prefix + new string(Enumerable.Range(0, 5).Select(_ => NameAlphabet[random.Next(NameAlphabet.Length)]).ToArray());
            }
            while (exists(new ObjectKey(pathNamespace ?? "", name)));
            metadata["name"] = name;
        }

        if (string.IsNullOrEmpty(name))
        {
            return ApiErrors.Invalid(kind, "", "metadata.name", "FieldValueRequired", "Required value: name or generateName is required");
        }

        if (name.Length > 253 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.'))
        {
            return ApiErrors.Invalid(kind, name, "metadata.name", "FieldValueInvalid",
                $"Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'");
        }

        SetTypeMeta(kind, obj);
        metadata["uid"] = NewUid();
        metadata["creationTimestamp"] = Now();
        metadata["generation"] = 1;
        metadata.Remove("deletionTimestamp");
        if (kind == ResourceKind.Pods)
        {
            // The real pod strategy discards a client's status on create: a new pod is Pending until bound and run.
            obj["status"] = new JsonObject { ["phase"] = "Pending" };
        }

        if (kind == ResourceKind.PodDisruptionBudgets)
        {
            // As the real strategy: a client's status is discarded; the disruption controller writes it.
            obj.Remove("status");
            return Disruption.BudgetSpec.Validate(obj);
        }

        return null;
    }

    public ApiError? PrepareUpdate(ResourceKind kind, StoredObject current, JsonObject next, bool statusSubresource)
    {
        if (next["metadata"] is not JsonObject metadata)
        {
            metadata = new JsonObject();
            next["metadata"] = metadata;
        }

        if ((string?)metadata["name"] is { Length: > 0 } sentName && sentName != current.Name)
        {
            return ApiErrors.BadRequest($"the name of the object ({sentName}) does not match the name on the URL ({current.Name})");
        }

        if (kind.Namespaced && (string?)metadata["namespace"] is { Length: > 0 } sentNamespace && sentNamespace != current.Namespace)
        {
            return ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        var sentVersion = (string?)metadata["resourceVersion"];
        if (!string.IsNullOrEmpty(sentVersion) && sentVersion != Version(current.ResourceVersion))
        {
            return ApiErrors.StaleResourceVersion(kind, current.Name);
        }

        var old = current.ToJsonObject();
        var oldMetadata = old["metadata"]!.AsObject();
        if ((string?)metadata["uid"] is { Length: > 0 } sentUid && sentUid != (string?)oldMetadata["uid"])
        {
            return ApiErrors.Conflict(kind, current.Name, $"Precondition failed: UID in precondition: {sentUid}, UID in object meta: {(string?)oldMetadata["uid"]}");
        }

        SetTypeMeta(kind, next);
        metadata["name"] = current.Name;
        foreach (var preserved in new[] { "namespace", "uid", "creationTimestamp", "deletionTimestamp" })
        {
            Copy(oldMetadata, metadata, preserved);
        }

        if (kind.HasStatus)
        {
            // The status subresource writes only status; the main resource never does.
            Copy(old, next, statusSubresource ? "spec" : "status");
        }

        if (kind == ResourceKind.PodDisruptionBudgets && !statusSubresource && Disruption.BudgetSpec.Validate(next) is { } invalid)
        {
            return invalid;
        }

        var generation = (long?)oldMetadata["generation"] ?? 1;
        metadata["generation"] = JsonNode.DeepEquals(old["spec"], next["spec"]) ? generation : generation + 1;
        return null;
    }

    public ApiError? Bind(StoredObject pod, JsonObject pending, JsonObject binding)
    {
        var nodeName = (string?)binding["target"]?["name"];
        if (string.IsNullOrEmpty(nodeName))
        {
            return ApiErrors.Invalid(ResourceKind.Pods, pod.Name, "target.name", "FieldValueRequired", "Required value");
        }

        var spec = pending["spec"] as JsonObject ?? new JsonObject();
        pending["spec"] = spec;
        if ((string?)spec["nodeName"] is { Length: > 0 } assigned)
        {
            return new ApiError(409, "Conflict", $"Operation cannot be fulfilled on pods/binding \"{pod.Name}\": pod {pod.Name} is already assigned to node \"{assigned}\"")
            {
                Details = new JsonObject { ["name"] = pod.Name, ["kind"] = "pods/binding" },
            };
        }

        spec["nodeName"] = nodeName;
        if (binding["metadata"]?["annotations"] is JsonObject annotations)
        {
            var metadata = pending["metadata"]!.AsObject();
            var target = metadata["annotations"] as JsonObject ?? new JsonObject();
            metadata["annotations"] = target;
            foreach (var (key, value) in annotations)
            {
                target[key] = value?.DeepClone();
            }
        }

        var status = pending["status"] as JsonObject ?? new JsonObject();
        pending["status"] = status;
        var conditions = status["conditions"] as JsonArray ?? new JsonArray();
        status["conditions"] = conditions;
        var scheduled = conditions.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == "PodScheduled");
        if (scheduled is null)
        {
            scheduled = new JsonObject { ["type"] = "PodScheduled" };
            conditions.Add(scheduled);
        }

        scheduled["status"] = "True";
        scheduled.Remove("reason");
        scheduled.Remove("message");
        scheduled["lastProbeTime"] = null;
        scheduled["lastTransitionTime"] = Now();
        return null;
    }

    public static string Version(long resourceVersion) => resourceVersion.ToString(CultureInfo.InvariantCulture);

    private static void SetTypeMeta(ResourceKind kind, JsonObject obj)
    {
        obj["apiVersion"] = kind.ApiVersion;
        obj["kind"] = kind.Kind;
    }

    private static void Copy(JsonObject from, JsonObject to, string name)
    {
        if (from[name] is { } value)
        {
            to[name] = value.DeepClone();
        }
        else
        {
            to.Remove(name);
        }
    }

    private string Now() => time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private string NewUid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }
}
