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
    /// Every instance matching <paramref name="request"/>: ids go out in batches of 100 (as the JSON array string
    /// ECS expects in <c>InstanceIds</c>) and each batch follows NextToken to its last page. The first failed page
    /// fails the whole call, so a caller never mistakes a partial list for the full one.
    /// </summary>
    public async Task<CloudResult<IReadOnlyList<EcsInstance>>> DescribeInstancesAsync(
        DescribeInstancesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.InstanceIds.Any(string.IsNullOrWhiteSpace))
        {
            return ParameterError.Invalid("InstanceIds", "an instance id is empty");
        }

        if (request.Tags.Count > RunInstancesRequest.MaxTags)
        {
            return ParameterError.Invalid("Tag", $"at most {RunInstancesRequest.MaxTags} tags, got {request.Tags.Count}");
        }

        var batches = request.InstanceIds.Count == 0
            ? [null]
            : request.InstanceIds.Chunk(DescribeInstancesRequest.MaxIdsPerCall).ToArray<string[]?>();
        var instances = new Dictionary<string, EcsInstance>(StringComparer.Ordinal);
        foreach (var batch in batches)
        {
            var failure = await DescribeBatchAsync(request, batch, instances, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                return failure;
            }
        }

        return CloudResult<IReadOnlyList<EcsInstance>>.Ok(instances.Values.ToList());
    }

    private async Task<CloudError?> DescribeBatchAsync(
        DescribeInstancesRequest request, string[]? ids, Dictionary<string, EcsInstance> into, CancellationToken cancellationToken)
    {
        var tokensSeen = new HashSet<string>(StringComparer.Ordinal);
        string? nextToken = null;
        do
        {
            var parameters = new List<KeyValuePair<string, string>>
            {
                new("RegionId", RegionId),
                new("MaxResults", _options.PageSize.ToString(CultureInfo.InvariantCulture)),
            };
            if (ids is not null)
            {
                parameters.Add(new("InstanceIds", JsonArray(ids)));
            }

            if (!string.IsNullOrEmpty(request.Status))
            {
                parameters.Add(new("Status", request.Status));
            }

            TagParameters.Add(parameters, request.Tags);
            if (nextToken is not null)
            {
                parameters.Add(new("NextToken", nextToken));
            }

            var page = await SendAsync("DescribeInstances", parameters, EcsJsonContext.Default.DescribeInstancesWire, cancellationToken)
                .ConfigureAwait(false);
            if (!page.IsSuccess)
            {
                return page.Error;
            }

            foreach (var wire in page.Value!.Instances?.Instance ?? [])
            {
                if (!string.IsNullOrEmpty(wire.InstanceId))
                {
                    into[wire.InstanceId] = ToInstance(wire);
                }
            }

            nextToken = string.IsNullOrEmpty(page.Value.NextToken) ? null : page.Value.NextToken;
            if (nextToken is not null && !tokensSeen.Add(nextToken))
            {
                // A server handing back a token it already gave would otherwise keep us paging forever.
                return new CloudError(
                    CloudErrorKind.Transient, EcsResponseReader.InvalidResponseCode, "DescribeInstances repeated a NextToken", page.Value.RequestId);
            }
        }
        while (nextToken is not null);

        return null;
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
