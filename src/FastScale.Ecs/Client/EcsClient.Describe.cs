using System.Globalization;
using System.Text;
using System.Text.Json;
using FastScale.Ecs.Actions;
using FastScale.Ecs.Wire;
using FastScale.Engine.Cloud;

namespace FastScale.Ecs.Client;

public sealed partial class EcsClient
{
    /// <summary>
    /// Every instance matching <paramref name="request"/>, each batch of 100 ids (or the filter alone) followed through
    /// NextToken to its last page: several requests, none of them paced. For callers outside the provider's API budget
    /// (simulated nodes, benchmarks, tests); the provider's <see cref="EcsCloud"/> sends one page a call
    /// (<see cref="DescribeInstancesPageAsync"/>) so the engine paces and counts each. The first failed page fails the
    /// whole call, so a caller never mistakes a partial list for the full one.
    /// </summary>
    public async Task<CloudResult<IReadOnlyList<EcsInstance>>> DescribeInstancesAsync(
        DescribeInstancesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.InstanceIds.Any(string.IsNullOrWhiteSpace))
        {
            // Refused before any batch goes out, rather than after the batches in front of the bad id.
            return ParameterError.Invalid("InstanceIds", "an instance id is empty");
        }

        var batches = request.InstanceIds.Count == 0
            ? [request]
            : request.InstanceIds
                .Chunk(DescribeInstancesRequest.MaxIdsPerCall)
                .Select(ids => new DescribeInstancesRequest { InstanceIds = ids, Tags = request.Tags, Status = request.Status })
                .ToArray();
        var instances = new Dictionary<string, EcsInstance>(StringComparer.Ordinal);
        foreach (var batch in batches)
        {
            var tokensSeen = new HashSet<string>(StringComparer.Ordinal);
            string? nextToken = null;
            do
            {
                var page = await DescribeInstancesPageAsync(batch, nextToken, cancellationToken).ConfigureAwait(false);
                if (!page.IsSuccess)
                {
                    return page.Error!;
                }

                foreach (var instance in page.Value!.Instances)
                {
                    instances[instance.InstanceId] = instance;
                }

                nextToken = page.Value.NextToken;
                if (nextToken is not null && !tokensSeen.Add(nextToken))
                {
                    // A server handing back a token it already gave would otherwise keep us paging forever.
                    return new CloudError(
                        CloudErrorKind.Transient, EcsResponseReader.InvalidResponseCode, "DescribeInstances repeated a NextToken", page.Value.RequestId);
                }
            }
            while (nextToken is not null);
        }

        return CloudResult<IReadOnlyList<EcsInstance>>.Ok(instances.Values.ToList());
    }

    /// <summary>
    /// One DescribeInstances request: the page of <paramref name="request"/> that <paramref name="nextToken"/> names
    /// (null: the first). A filter by tag or status asks for <see cref="EcsClientOptions.PageSize"/> instances a page;
    /// a filter by ids (at most 100) asks for 100, so its answer is always one page whatever the page size.
    /// </summary>
    public async Task<CloudResult<EcsInstancePage>> DescribeInstancesPageAsync(
        DescribeInstancesRequest request, string? nextToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.InstanceIds.Any(string.IsNullOrWhiteSpace))
        {
            return ParameterError.Invalid("InstanceIds", "an instance id is empty");
        }

        if (request.InstanceIds.Count > DescribeInstancesRequest.MaxIdsPerCall)
        {
            return ParameterError.Invalid(
                "InstanceIds", $"at most {DescribeInstancesRequest.MaxIdsPerCall} instance ids per call, got {request.InstanceIds.Count}");
        }

        if (request.Tags.Count > RunInstancesRequest.MaxTags)
        {
            return ParameterError.Invalid("Tag", $"at most {RunInstancesRequest.MaxTags} tags, got {request.Tags.Count}");
        }

        var byIds = request.InstanceIds.Count > 0;
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("RegionId", RegionId),
            new("MaxResults", (byIds ? DescribeInstancesRequest.MaxIdsPerCall : _options.PageSize).ToString(CultureInfo.InvariantCulture)),
        };
        if (byIds)
        {
            parameters.Add(new("InstanceIds", JsonArray(request.InstanceIds)));
        }

        if (!string.IsNullOrEmpty(request.Status))
        {
            parameters.Add(new("Status", request.Status));
        }

        TagParameters.Add(parameters, request.Tags);
        if (!string.IsNullOrEmpty(nextToken))
        {
            parameters.Add(new("NextToken", nextToken));
        }

        var page = await SendAsync("DescribeInstances", parameters, EcsJsonContext.Default.DescribeInstancesWire, cancellationToken)
            .ConfigureAwait(false);
        if (!page.IsSuccess)
        {
            return page.Error!;
        }

        var instances = (page.Value!.Instances?.Instance ?? [])
            .Where(static wire => !string.IsNullOrEmpty(wire.InstanceId))
            .Select(ToInstance)
            .ToList();
        return CloudResult<EcsInstancePage>.Ok(new EcsInstancePage(
            instances, string.IsNullOrEmpty(page.Value.NextToken) ? null : page.Value.NextToken, page.Value.RequestId));
    }

    private static string JsonArray(IEnumerable<string> ids)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var id in ids)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static EcsInstance ToInstance(DescribeInstancesWire.Instance wire)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in wire.Tags?.Tag ?? [])
        {
            if (!string.IsNullOrEmpty(tag.TagKey))
            {
                tags[tag.TagKey] = tag.TagValue ?? string.Empty;
            }
        }

        return new EcsInstance(
            wire.InstanceId!,
            wire.Status ?? string.Empty,
            wire.StoppedMode,
            wire.InstanceType ?? string.Empty,
            wire.ZoneId ?? string.Empty,
            wire.ImageId,
            ParseCreationTime(wire.CreationTime),
            tags)
        {
            RegionId = wire.RegionId ?? string.Empty,
            OSType = wire.OSType ?? string.Empty,
            Cpu = wire.Cpu ?? 0,
            MemoryMiB = wire.Memory ?? 0,
            VSwitchId = string.IsNullOrEmpty(wire.VpcAttributes?.VSwitchId) ? null : wire.VpcAttributes.VSwitchId,
            SecurityGroupIds = [.. (wire.SecurityGroupIds?.SecurityGroupId ?? []).Where(static id => !string.IsNullOrEmpty(id))],
        };
    }

    /// <summary>ECS writes creation times to the minute (<c>2017-12-10T04:04Z</c>); accept seconds too.</summary>
    internal static DateTimeOffset? ParseCreationTime(string? text)
    {
        string[] formats = ["yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'"];
        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, styles, out var exact)
            ? exact
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, styles, out var loose) ? loose : null;
    }
}
