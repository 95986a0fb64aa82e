namespace FastScale.Engine.NodeGroups;

/// <summary>
/// Alibaba Cloud nodes carry <c>spec.providerID = &lt;region&gt;.&lt;instance-id&gt;</c>; some installations use
/// <c>alicloud://&lt;region&gt;.&lt;instance-id&gt;</c>; the autoscaler names a node it has not seen register by the bare id.
/// </summary>
public static class ProviderIds
{
    private const string Scheme = "alicloud://";

    public static string Format(string region, string instanceId) => $"{region}.{instanceId}";

    /// <summary>The instance id part of any accepted form, or the input unchanged when it has no region prefix.</summary>
    public static ReadOnlySpan<char> InstanceIdOf(ReadOnlySpan<char> value, string region)
    {
        if (value.StartsWith(Scheme, StringComparison.Ordinal))
        {
            value = value[Scheme.Length..];
        }

        if (value.Length > region.Length + 1 && value.StartsWith(region, StringComparison.Ordinal) && value[region.Length] == '.')
        {
            value = value[(region.Length + 1)..];
        }

        return value;
    }
}
