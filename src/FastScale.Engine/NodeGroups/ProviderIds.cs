namespace FastScale.Engine.NodeGroups;

/// <summary>
/// Alibaba Cloud nodes carry <c>spec.providerID = &lt;region&gt;.&lt;instance-id&gt;</c>; some installations use
/// <c>alicloud://&lt;region&gt;.&lt;instance-id&gt;</c>; the autoscaler names a node it has not seen register by the bare id.
/// This is the one parser of those forms: everything that looks a node up by providerID keys it by the instance id.
/// </summary>
public static class ProviderIds
{
    private const string Scheme = "alicloud://";

    public static string Format(string region, string instanceId) => $"{region}.{instanceId}";

    /// <summary>The instance id part of any accepted form, or the input unchanged when it has no region prefix.</summary>
    public static ReadOnlySpan<char> InstanceIdOf(ReadOnlySpan<char> value, string region)
    {
        value = WithoutScheme(value);
        if (value.Length > region.Length + 1 && value.StartsWith(region, StringComparison.Ordinal) && value[region.Length] == '.')
        {
            value = value[(region.Length + 1)..];
        }

        return value;
    }

    /// <summary>
    /// The instance id a providerID names, whatever its region: a Node's providerID is read where no region is at hand
    /// (an informer's index function), and one cluster's nodes all live in the provider's region anyway. ECS regions and
    /// instance ids contain no dot, so the id is what follows the first one; a value without a dot is already an id.
    /// </summary>
    public static string InstanceIdOf(string providerId)
    {
        ArgumentNullException.ThrowIfNull(providerId);
        var value = WithoutScheme(providerId);
        var dot = value.IndexOf('.');
        return dot > 0 && dot < value.Length - 1 ? value[(dot + 1)..].ToString() : value.ToString();
    }

    private static ReadOnlySpan<char> WithoutScheme(ReadOnlySpan<char> value) =>
        value.StartsWith(Scheme, StringComparison.Ordinal) ? value[Scheme.Length..] : value;
}
