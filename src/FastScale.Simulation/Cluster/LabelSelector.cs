namespace FastScale.Simulation.Cluster;

/// <summary>
/// A <c>labelSelector</c> query as the API server reads it: comma-separated requirements, all of which must hold:
/// <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k</c> (exists), <c>!k</c> (does not exist).
/// </summary>
internal sealed class LabelSelector
{
    private readonly Requirement[] _requirements;

    private LabelSelector(Requirement[] requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public bool IsEverything => _requirements.Length == 0;

    public static bool TryParse(string? text, out LabelSelector selector, out string error)
    {
        selector = Everything;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var requirements = new List<Requirement>();
        foreach (var part in SplitTopLevel(text))
        {
            if (!TryParseRequirement(part.Trim(), out var requirement))
            {
                error = $"unable to parse requirement: found '{part.Trim()}' in label selector '{text}'";
                return false;
            }

            requirements.Add(requirement);
        }

        selector = new LabelSelector([.. requirements]);
        return true;
    }

    /// <summary>
    /// Reads a <c>metav1.LabelSelector</c> object (matchLabels and matchExpressions, all ANDed), as workloads and
    /// budgets carry it; an empty object selects everything.
    /// </summary>
    public static bool TryFromObject(System.Text.Json.Nodes.JsonObject selector, out LabelSelector result, out string error)
    {
        result = Everything;
        error = "";
        var requirements = new List<Requirement>();
        if (selector["matchLabels"] is System.Text.Json.Nodes.JsonObject matchLabels)
        {
            foreach (var (key, value) in matchLabels)
            {
                var text = value?.ToString() ?? "";
                if (!IsKey(key) || !IsValue(text))
                {
                    error = $"invalid label {key}={text}";
                    return false;
                }

                requirements.Add(new Requirement(key, Operator.Equals, [text]));
            }
        }

        foreach (var expression in (selector["matchExpressions"] as System.Text.Json.Nodes.JsonArray ?? []).OfType<System.Text.Json.Nodes.JsonObject>())
        {
            var key = (string?)expression["key"] ?? "";
            var values = (expression["values"] as System.Text.Json.Nodes.JsonArray ?? []).Select(v => v?.ToString() ?? "").ToArray();
            Operator? op = (string?)expression["operator"] switch
            {
                "In" when values.Length > 0 => Operator.In,
                "NotIn" when values.Length > 0 => Operator.NotIn,
                "Exists" when values.Length == 0 => Operator.Exists,
                "DoesNotExist" when values.Length == 0 => Operator.DoesNotExist,
                _ => null,
            };
            if (op is null || !IsKey(key) || !values.All(IsValue))
            {
                error = $"invalid match expression {expression.ToJsonString()}";
                return false;
            }

            requirements.Add(new Requirement(key, op.Value, values));
        }

        result = new LabelSelector([.. requirements]);
        return true;
    }

    public bool Matches(StoredObject obj)
    {
        foreach (var requirement in _requirements)
        {
            if (!requirement.Matches(obj.Label(requirement.Key)))
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return text[start..];
    }

    private static bool TryParseRequirement(string part, out Requirement requirement)
    {
        requirement = default;
        if (part.Length == 0)
        {
            return false;
        }

        if (part[0] == '!')
        {
            var key = part[1..].Trim();
            requirement = new Requirement(key, Operator.DoesNotExist, []);
            return IsKey(key);
        }

        var set = SetOperation(part);
        if (set is { } found)
        {
            requirement = found;
            return IsKey(found.Key);
        }

        foreach (var (token, op) in new[] { ("!=", Operator.NotEquals), ("==", Operator.Equals), ("=", Operator.Equals) })
        {
            var at = part.IndexOf(token, StringComparison.Ordinal);
            if (at >= 0)
            {
                var key = part[..at].Trim();
                var value = part[(at + token.Length)..].Trim();
                requirement = new Requirement(key, op, [value]);
                return IsKey(key) && IsValue(value);
            }
        }

        requirement = new Requirement(part, Operator.Exists, []);
        return IsKey(part);
    }

    private static Requirement? SetOperation(string part)
    {
        var open = part.IndexOf('(', StringComparison.Ordinal);
        if (open < 0 || !part.EndsWith(')'))
        {
            return null;
        }

        var head = part[..open].Trim();
        var space = head.LastIndexOf(' ');
        if (space < 0)
        {
            return null;
        }

        var op = head[(space + 1)..] switch
        {
            "in" => Operator.In,
            "notin" => Operator.NotIn,
            _ => (Operator?)null,
        };
        if (op is null)
        {
            return null;
        }

        var values = part[(open + 1)..^1].Split(',').Select(v => v.Trim()).ToArray();
        return values.All(IsValue) ? new Requirement(head[..space].Trim(), op.Value, values) : null;
    }

    private static bool IsKey(string key) =>
        key.Length is > 0 and <= 317 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/');

    private static bool IsValue(string value) =>
        value.Length <= 63 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private enum Operator
    {
        Equals,
        NotEquals,
        In,
        NotIn,
        Exists,
        DoesNotExist,
    }

    private readonly record struct Requirement(string Key, Operator Op, string[] Values)
    {
        public bool Matches(string? value) => Op switch
        {
            Operator.Equals or Operator.In => value is not null && Values.Contains(value),
            // As upstream: "!=" and "notin" also match objects that do not have the label at all.
            Operator.NotEquals or Operator.NotIn => value is null || !Values.Contains(value),
            Operator.Exists => value is not null,
            _ => value is null,
        };
    }
}
