using FastScale.Engine.Cloud;

namespace FastScale.Testing.Cloud;

/// <summary>
/// A test's look at what a cloud holds: every page of the cluster's listing, straight from the port, unpaced. The
/// engine lists through its paced cloud instead, which takes a permit per page.
/// </summary>
public static class CloudListing
{
    public static async Task<CloudResult<IReadOnlyList<CloudInstance>>> ListAllPagesAsync(
        this ICloud cloud, string clusterId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        var instances = new List<CloudInstance>();
        string? nextToken = null;
        do
        {
            var page = await cloud.ListInstancesPageAsync(clusterId, nextToken, cancellationToken).ConfigureAwait(false);
            if (!page.IsSuccess)
            {
                return page.Error!;
            }

            instances.AddRange(page.Value!.Instances);
            nextToken = page.Value.NextToken;
        }
        while (nextToken is not null);

        return CloudResult<IReadOnlyList<CloudInstance>>.Ok(instances);
    }
}
