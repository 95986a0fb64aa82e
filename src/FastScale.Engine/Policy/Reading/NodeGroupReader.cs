using System.Text.RegularExpressions;

namespace FastScale.Engine.Policy.Reading;

/// <summary>Reads one entry of <c>nodeGroups</c>: identity, size bounds, what to launch and where; the rest goes to the section readers.</summary>
internal static partial class NodeGroupReader
{
    private static readonly string[] Keys =
    [
        "id", "minSize", "maxSize", "imageId", "imageKind", "instanceTypes", "zones", "securityGroupId", "labels", "taints",
        "resources", "reserved", "daemonSetOverhead", "warmPool", "repair", "rollout", "prices", "autoscalingOptions",
    ];

    private static readonly string[] ZoneKeys = ["zoneId", "vSwitchId"];
    private static readonly string[] ImageKinds = ["prebaked", "general"];

    /// <returns>The group, and its id field when present (for the uniqueness check across groups).</returns>
    public static (NodeGroupPolicy Group, YamlField? IdField) Read(PolicyReadContext context, YamlField field, string? region, ProviderSettings provider)
    {
        var group = new NodeGroupPolicy();
        if (YamlMap.Open(context, field, Keys, "a node group mapping") is not { } map)
        {
            if (field.IsNull)
            {
                context.Report(field, "expected a node group mapping, got an empty item");
            }

            return (group, null);
        }

        var idField = map.Required("id", "the group's id, as the autoscaler sees it");
        if (idField is { } id && ScalarReader.TryText(context, id, out var idText))
        {
            group.Id = idText;
            if (idText.Length > 63 || !GroupId().IsMatch(idText))
            {
                context.Report(id, $"expected at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit, got '{idText}'");
            }
        }

        ReadSizes(context, map, group);

        if (map.Required("imageId", "the ECS image instances boot from, e.g. m-bp1…") is { } image
            && ScalarReader.TryText(context, image, out var imageId))
        {
            group.ImageId = imageId;
            Expect(context, image, imageId, ImageIdPattern(), "an ECS image id such as m-bp1g7004ksh0oeuc4z6c");
        }

        if (map.Optional("imageKind") is { } kind && ScalarReader.TryText(context, kind, out var kindText))
        {
            group.ImageKind = kindText;
            if (!ImageKinds.Contains(kindText, StringComparer.Ordinal))
            {
                context.Report(kind, $"expected one of {string.Join(", ", ImageKinds)}, got '{kindText}'");
            }
        }

        if (map.Required("instanceTypes", "a list of at least one ECS instance type, in preference order") is { } types)
        {
            ReadInstanceTypes(context, types, group);
        }

        if (map.Required("zones", "a list of at least one { zoneId, vSwitchId }") is { } zones)
        {
            ReadZones(context, zones, region, group);
        }

        if (map.Required("securityGroupId", "the security group instances join, e.g. sg-bp1…") is { } sg
            && ScalarReader.TryText(context, sg, out var sgId))
        {
            group.SecurityGroupId = sgId;
            Expect(context, sg, sgId, SecurityGroupPattern(), "a security group id such as sg-bp1fg655nh68xyz9i2xh");
        }

        LabelTaintReader.ReadLabels(context, map.Optional("labels"), group);
        LabelTaintReader.ReadTaints(context, map.Optional("taints"), group);
        ResourcesReader.Read(context, map, group, provider);
        GroupOptionsReader.Read(context, map, group);
        return (group, idField);
    }

    private static void ReadSizes(PolicyReadContext context, YamlMap map, NodeGroupPolicy group)
    {
        var minValid = true;
        if (map.Optional("minSize") is { } minField)
        {
            minValid = ScalarReader.TryInt(context, minField, out var min);
            group.MinSize = min;
            if (minValid && min < 0)
            {
                context.Report(minField, $"expected an integer ≥ 0, got {min}");
                minValid = false;
            }
        }

        if (map.Required("maxSize", "the most nodes the group may have, at least 1") is { } maxField
            && ScalarReader.TryInt(context, maxField, out var max))
        {
            group.MaxSize = max;
            if (minValid && max < group.MinSize)
            {
                context.Report(maxField, $"expected an integer ≥ minSize ({group.MinSize}), got {max}");
            }
            else if (max < 1)
            {
                context.Report(maxField, $"expected an integer ≥ 1, got {max}");
            }
        }
    }

    private static void ReadInstanceTypes(PolicyReadContext context, YamlField field, NodeGroupPolicy group)
    {
        var items = ScalarReader.List(context, field, "ECS instance types");
        if (items.Count == 0 && field.Node is YamlDotNet.RepresentationModel.YamlSequenceNode)
        {
            context.Report(field, "expected at least one instance type, got an empty list");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!ScalarReader.TryText(context, item, out var type))
            {
                continue;
            }

            group.InstanceTypes.Add(type);
            if (!Expect(context, item, type, InstanceTypePattern(), "an ECS instance type such as ecs.g7.large"))
            {
                continue;
            }

            if (!seen.Add(type))
            {
                context.Report(item, $"duplicate instance type '{type}'");
            }
        }
    }

    private static void ReadZones(PolicyReadContext context, YamlField field, string? region, NodeGroupPolicy group)
    {
        var items = ScalarReader.List(context, field, "{ zoneId, vSwitchId } mappings");
        if (items.Count == 0 && field.Node is YamlDotNet.RepresentationModel.YamlSequenceNode)
        {
            context.Report(field, "expected at least one zone, got an empty list");
        }

        var zoneIds = new HashSet<string>(StringComparer.Ordinal);
        var vSwitches = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (YamlMap.Open(context, item, ZoneKeys, "a zone mapping") is not { } map)
            {
                if (item.IsNull)
                {
                    context.Report(item, "expected a zone mapping { zoneId, vSwitchId }, got an empty item");
                }

                continue;
            }

            var zone = new ZonePolicy();
            group.Zones.Add(zone);
            if (map.Required("zoneId", "the zone, e.g. cn-hangzhou-h") is { } zoneField && ScalarReader.TryText(context, zoneField, out var zoneId))
            {
                zone.ZoneId = zoneId;
                var expected = region is null ? ZonePattern().IsMatch(zoneId) : IsZoneOf(zoneId, region);
                if (!expected)
                {
                    context.Report(zoneField, region is null
                        ? $"expected a zone id such as cn-hangzhou-h, got '{zoneId}'"
                        : $"expected a zone of region {region} such as {region}-h, got '{zoneId}'");
                }
                else if (!zoneIds.Add(zoneId))
                {
                    context.Report(zoneField, $"duplicate zone '{zoneId}'; list each zone once");
                }
            }

            if (map.Required("vSwitchId", "the vSwitch in that zone, e.g. vsw-bp1…") is { } vswField && ScalarReader.TryText(context, vswField, out var vsw))
            {
                zone.VSwitchId = vsw;
                if (Expect(context, vswField, vsw, VSwitchPattern(), "a vSwitch id such as vsw-bp1s5fnvk4gn2tws03624") && !vSwitches.Add(vsw))
                {
                    context.Report(vswField, $"duplicate vSwitch '{vsw}'; a vSwitch belongs to one zone");
                }
            }
        }
    }

    private static bool IsZoneOf(string zoneId, string region) =>
        zoneId.Length > region.Length + 1 && zoneId.StartsWith(region + "-", StringComparison.Ordinal)
        && ZoneSuffix().IsMatch(zoneId[(region.Length + 1)..]);

    private static bool Expect(PolicyReadContext context, YamlField field, string text, Regex pattern, string expected)
    {
        if (pattern.IsMatch(text))
        {
            return true;
        }

        context.Report(field, $"expected {expected}, got '{text}'");
        return false;
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex GroupId();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,127}$")]
    private static partial Regex ImageIdPattern();

    [GeneratedRegex(@"^ecs\.[a-z0-9][a-z0-9-]*\.[a-z0-9-]+$")]
    private static partial Regex InstanceTypePattern();

    [GeneratedRegex(@"^sg-[a-z0-9]+$")]
    private static partial Regex SecurityGroupPattern();

    [GeneratedRegex(@"^vsw-[a-z0-9]+$")]
    private static partial Regex VSwitchPattern();

    [GeneratedRegex(@"^[a-z]{2,}(-[a-z0-9]+)+$")]
    private static partial Regex ZonePattern();

    [GeneratedRegex(@"^[a-z0-9]+$")]
    private static partial Regex ZoneSuffix();
}
