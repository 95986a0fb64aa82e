using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastScale.Simulation.Ecs.Instances;
using FastScale.Simulation.Ecs.Wire;

namespace FastScale.Simulation.Ecs.Actions;

/// <summary>
/// DescribeInstances: filters (InstanceIds as a JSON array, Status, ZoneId, InstanceType, VSwitchId, Tag.N) and paging in
/// creation order, by MaxResults/NextToken or the older PageNumber/PageSize. The token names the last instance
/// returned, so instances created or released between pages neither repeat nor shift the rest.
/// </summary>
internal static class DescribeInstancesAction
{
    public const string Name = "DescribeInstances";

    private const string TokenPrefix = "fs-next-";

    public static ActionOutcome Execute(ActionContext context, ActionParameters p, DateTimeOffset now)
    {
        var ids = InstanceIds(p);
        var status = p.Get("Status");
        if (status is not null && !InstanceStatus.All.Contains(status))
        {
            p.Fail(EcsErrors.Invalid("Status", $"one of {string.Join(", ", InstanceStatus.All)}"));
        }

        var zone = p.Get("ZoneId");
        var type = p.Get("InstanceType");
        var vSwitch = p.Get("VSwitchId");
        var tags = p.Tags();
        var maxResults = p.Int("MaxResults", 1, 100);
        var nextToken = p.Get("NextToken");
        var pageSize = p.Int("PageSize", 1, 100) ?? 10;
        var pageNumber = p.Int("PageNumber", 1, int.MaxValue) ?? 1;
        var after = nextToken is null ? 0 : ParseToken(p, nextToken);
        if (p.Error is { } error)
        {
            return error;
        }

        // By ids, look each up (at most 100) instead of scanning a store of thousands on every poll.
        var candidates = ids is null
            ? context.Store.InOrder()
            : ids.Select(context.Store.Find).OfType<EmulatedInstance>().OrderBy(i => i.Sequence);
        var matching = candidates.Where(i =>
            (status is null || i.StatusAt(now) == status)
            && (zone is null || i.ZoneId == zone)
            && (type is null || i.InstanceType == type)
            && (vSwitch is null || i.VSwitchId == vSwitch)
            && tags.All(t => i.Tags.Any(have => have.Key == t.Key && (t.Value.Length == 0 || have.Value == t.Value))))
            .ToList();

        var tokenMode = maxResults is not null || nextToken is not null;
        List<EmulatedInstance> page;
        string next;
        if (tokenMode)
        {
            var size = Math.Max(maxResults ?? 10, 10); // ECS: MaxResults under 10 means 10
            var rest = matching.Where(i => i.Sequence > after).ToList();
            page = [.. rest.Take(size)];
            next = rest.Count > size ? TokenPrefix + page[^1].Sequence.ToString(CultureInfo.InvariantCulture) : "";
            pageSize = size;
            pageNumber = 1;
        }
        else
        {
            page = [.. matching.Skip((int)Math.Min(int.MaxValue, (long)(pageNumber - 1) * pageSize)).Take(pageSize)];
            next = "";
        }

        return new JsonObject
        {
            ["TotalCount"] = matching.Count,
            ["PageNumber"] = pageNumber,
            ["PageSize"] = pageSize,
            ["NextToken"] = next,
            ["Instances"] = new JsonObject { ["Instance"] = new JsonArray([.. page.Select(i => InstanceJson.Of(i, now))]) },
        };
    }

    private static HashSet<string>? InstanceIds(ActionParameters p)
    {
        if (p.Get("InstanceIds") is not { } text)
        {
            return null;
        }

        const string expected = "a JSON array of at most 100 instance ids, e.g. [\"i-a\",\"i-b\"]";
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Array
                || document.RootElement.GetArrayLength() > 100
                || document.RootElement.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            {
                p.Fail(EcsErrors.Invalid("InstanceIds", expected));
                return null;
            }

            return document.RootElement.EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            p.Fail(EcsErrors.Invalid("InstanceIds", expected));
            return null;
        }
    }

    private static long ParseToken(ActionParameters p, string token)
    {
        if (token.StartsWith(TokenPrefix, StringComparison.Ordinal)
            && long.TryParse(token.AsSpan(TokenPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return sequence;
        }

        p.Fail(EcsErrors.Invalid("NextToken", "a NextToken from a previous DescribeInstances answer"));
        return 0;
    }
}
