using YamlDotNet.RepresentationModel;

namespace FastScale.Simulation.LatencyModel;

/// <summary>Reads the <c>profiles:</c> mapping of a latency profile file; every profile is checked, problems collected.</summary>
internal sealed class LatencyProfileReader(ProfileYaml yaml)
{
    private static readonly string[] ProfileKeys =
    [
        "provisioningPerSecond", "coldProvisioning", "startProvisioning", "stop", "boot", "defaultImageKind", "images", "imageRules",
        "registration", "readiness", "faults", "startsWaitInCreateQueue",
    ];

    private static readonly string[] FaultKeys = ["seed", "neverRunning", "neverRegisters", "transientErrors", "stockOuts", "neverRegistersImages"];

    public Dictionary<string, LatencyProfile> ReadFile(YamlNode root)
    {
        var profiles = new Dictionary<string, LatencyProfile>(StringComparer.Ordinal);
        var top = yaml.Mapping(root, "", ["profiles"]);
        var list = top is null ? null : yaml.Required(top, root, "", "profiles");
        var byName = list is null ? null : yaml.Mapping(list, "profiles", allowed: null);
        if (byName is null)
        {
            return profiles;
        }

        foreach (var (name, node) in byName)
        {
            if (ReadProfile(name, node, $"profiles.{name}") is { } profile)
            {
                profiles[name] = profile;
            }
        }

        return profiles;
    }

    private LatencyProfile? ReadProfile(string name, YamlNode node, string field)
    {
        var before = yaml.Problems.Count;
        var map = yaml.Mapping(node, field, ProfileKeys);
        if (map is null)
        {
            return null;
        }

        var perSecond = Required(map, node, field, "provisioningPerSecond") is { } p
            ? yaml.Number(p, $"{field}.provisioningPerSecond", 0.001, 1_000_000, "instances per second, a number above 0")
            : null;
        var cold = RequiredPhase(map, node, field, "coldProvisioning");
        var start = RequiredPhase(map, node, field, "startProvisioning");
        var stop = RequiredPhase(map, node, field, "stop");
        var registration = RequiredPhase(map, node, field, "registration");
        var readiness = RequiredPhase(map, node, field, "readiness");
        var boot = ReadBoot(map, node, field);
        var defaultKind = Required(map, node, field, "defaultImageKind") is { } k ? yaml.Text(k, $"{field}.defaultImageKind") : null;
        var rules = map.TryGetValue("imageRules", out var rulesNode) ? ReadRules(rulesNode, $"{field}.imageRules") : [];
        var images = map.TryGetValue("images", out var imagesNode) ? ReadImages(imagesNode, $"{field}.images") : [];
        var faults = map.TryGetValue("faults", out var faultsNode) ? ReadFaults(faultsNode, $"{field}.faults") : FaultShares.None;
        var startsQueue = map.TryGetValue("startsWaitInCreateQueue", out var queueNode) ? yaml.Flag(queueNode, $"{field}.startsWaitInCreateQueue") : false;

        if (boot is not null)
        {
            if (defaultKind is not null && !boot.ContainsKey(defaultKind))
            {
                yaml.Report(map["defaultImageKind"], $"{field}.defaultImageKind", $"expected one of the kinds under boot: {string.Join(", ", boot.Keys)}");
            }

            foreach (var (imageId, kind, kindNode) in images)
            {
                if (!boot.ContainsKey(kind))
                {
                    yaml.Report(kindNode, $"{field}.images.{imageId}", $"expected one of the kinds under boot: {string.Join(", ", boot.Keys)}");
                }
            }

            for (var i = 0; i < rules.Count; i++)
            {
                if (!boot.ContainsKey(rules[i].Rule.Kind))
                {
                    yaml.Report(rules[i].KindNode, $"{field}.imageRules[{i}].kind", $"expected one of the kinds under boot: {string.Join(", ", boot.Keys)}");
                }
            }
        }

        if (yaml.Problems.Count > before)
        {
            return null;
        }

        return new LatencyProfile
        {
            Name = name,
            ProvisioningPerSecond = perSecond!.Value,
            ColdProvisioning = cold!,
            StartProvisioning = start!,
            Stop = stop!,
            Boot = boot!,
            DefaultImageKind = defaultKind!,
            ImageKinds = images.ToDictionary(i => i.ImageId, i => i.Kind, StringComparer.Ordinal),
            ImageRules = rules.Select(r => r.Rule).ToList(),
            Registration = registration!,
            Readiness = readiness!,
            Faults = faults,
            StartsWaitInCreateQueue = startsQueue ?? false,
        };
    }

    private YamlNode? Required(Dictionary<string, YamlNode> map, YamlNode parent, string field, string key) =>
        yaml.Required(map, parent, field, key);

    private PhaseDistribution? RequiredPhase(Dictionary<string, YamlNode> map, YamlNode parent, string field, string key) =>
        Required(map, parent, field, key) is { } node ? yaml.Phase(node, $"{field}.{key}") : null;

    private Dictionary<string, PhaseDistribution>? ReadBoot(Dictionary<string, YamlNode> map, YamlNode parent, string field)
    {
        if (Required(map, parent, field, "boot") is not { } node || yaml.Mapping(node, $"{field}.boot", allowed: null) is not { } kinds)
        {
            return null;
        }

        if (kinds.Count == 0)
        {
            yaml.Report(node, $"{field}.boot", "expected at least one image kind, e.g. prebaked: { median: 2.5s, p90: 3s }");
            return null;
        }

        var result = new Dictionary<string, PhaseDistribution>(StringComparer.Ordinal);
        foreach (var (kind, phaseNode) in kinds)
        {
            if (yaml.Phase(phaseNode, $"{field}.boot.{kind}") is { } phase)
            {
                result[kind] = phase;
            }
        }

        return result;
    }

    /// <summary><c>images: { m-xxx: prebaked }</c>: exact ImageId → kind, each with the node of its kind.</summary>
    private List<(string ImageId, string Kind, YamlNode KindNode)> ReadImages(YamlNode node, string field)
    {
        var images = new List<(string, string, YamlNode)>();
        if (yaml.Mapping(node, field, allowed: null) is not { } map)
        {
            return images;
        }

        foreach (var (imageId, kindNode) in map)
        {
            if (yaml.Text(kindNode, $"{field}.{imageId}") is { } kind)
            {
                images.Add((imageId, kind, kindNode));
            }
        }

        return images;
    }

    /// <summary>Each rule with the node of its kind, to point at an unknown kind.</summary>
    private List<(ImageRule Rule, YamlNode KindNode)> ReadRules(YamlNode node, string field)
    {
        var rules = new List<(ImageRule, YamlNode)>();
        if (node is not YamlSequenceNode sequence)
        {
            yaml.Report(node, field, "expected a list of { contains: TEXT, kind: KIND }");
            return rules;
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = sequence.Children[i];
            var itemField = $"{field}[{i}]";
            if (yaml.Mapping(item, itemField, ["contains", "kind"]) is not { } map)
            {
                continue;
            }

            var contains = Required(map, item, itemField, "contains") is { } c ? yaml.Text(c, $"{itemField}.contains") : null;
            var kindNode = Required(map, item, itemField, "kind");
            var kind = kindNode is null ? null : yaml.Text(kindNode, $"{itemField}.kind");
            if (contains is not null && kind is not null)
            {
                rules.Add((new ImageRule(contains, kind), kindNode!));
            }
        }

        return rules;
    }

    private FaultShares ReadFaults(YamlNode node, string field)
    {
        if (yaml.Mapping(node, field, FaultKeys) is not { } map)
        {
            return FaultShares.None;
        }

        const string share = "a share between 0 and 1";
        double Share(string key) =>
            map.TryGetValue(key, out var n) ? yaml.Number(n, $"{field}.{key}", 0, 1, share) ?? 0 : 0;

        return new FaultShares
        {
            Seed = map.TryGetValue("seed", out var seedNode)
                ? (int)(yaml.Number(seedNode, $"{field}.seed", int.MinValue, int.MaxValue, "an integer seed") ?? 1)
                : 1,
            NeverRunning = Share("neverRunning"),
            NeverRegisters = Share("neverRegisters"),
            TransientErrors = Share("transientErrors"),
            StockOuts = map.TryGetValue("stockOuts", out var stockNode) ? ReadStockOuts(stockNode, $"{field}.stockOuts") : [],
            NeverRegistersImages = map.TryGetValue("neverRegistersImages", out var imagesNode) ? ReadImageIds(imagesNode, $"{field}.neverRegistersImages") : [],
        };
    }

    private List<string> ReadImageIds(YamlNode node, string field)
    {
        if (node is not YamlSequenceNode sequence)
        {
            yaml.Report(node, field, "expected a list of image ids, e.g. [m-bp1broken]");
            return [];
        }

        return [.. sequence.Children.Select((item, i) => yaml.Text(item, $"{field}[{i}]")).OfType<string>()];
    }

    private List<StockOut> ReadStockOuts(YamlNode node, string field)
    {
        var result = new List<StockOut>();
        if (node is not YamlSequenceNode sequence)
        {
            yaml.Report(node, field, "expected a list of { instanceType: TYPE, zone: ZONE, available: N }");
            return result;
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = sequence.Children[i];
            var itemField = $"{field}[{i}]";
            if (yaml.Mapping(item, itemField, ["instanceType", "zone", "available"]) is not { } map)
            {
                continue;
            }

            var type = Required(map, item, itemField, "instanceType") is { } t ? yaml.Text(t, $"{itemField}.instanceType") : null;
            var zone = Required(map, item, itemField, "zone") is { } z ? yaml.Text(z, $"{itemField}.zone") : null;
            var available = map.TryGetValue("available", out var a)
                ? yaml.Number(a, $"{itemField}.available", 0, int.MaxValue, "a whole number of instances, 0 or more")
                : 0;
            if (available is { } count && count != Math.Floor(count))
            {
                yaml.Report(a, $"{itemField}.available", "expected a whole number of instances, 0 or more");
            }
            else if (type is not null && zone is not null && available is not null)
            {
                result.Add(new StockOut(type, zone, (int)available.Value));
            }
        }

        return result;
    }
}
