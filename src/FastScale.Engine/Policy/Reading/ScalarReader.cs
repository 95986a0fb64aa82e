using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FastScale.Engine.Policy.Reading;

/// <summary>
/// Reads typed scalars, reporting a problem (and returning false) when the value is not of the expected type.
/// Numbers and booleans must be plain (unquoted) YAML, as Kubernetes' strict decoding wants; strings and quantities may be either.
/// </summary>
internal static partial class ScalarReader
{
    public static bool TryText(PolicyReadContext context, YamlField field, out string text)
    {
        text = "";
        if (field.Node is not YamlScalarNode scalar)
        {
            context.Report(field, $"expected a string, got {Describe(field.Node)}");
            return false;
        }

        text = scalar.Value ?? "";
        return true;
    }

    public static bool TryInt(PolicyReadContext context, YamlField field, out int value)
    {
        value = 0;
        if (!TryPlain(context, field, "an integer", out var text))
        {
            return false;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        context.Report(field, IntegerPattern().IsMatch(text)
            ? $"expected an integer between {int.MinValue} and {int.MaxValue}, got {text}"
            : $"expected an integer, got '{text}'");
        return false;
    }

    public static bool TryNumber(PolicyReadContext context, YamlField field, out double value)
    {
        value = 0;
        if (!TryPlain(context, field, "a number", out var text))
        {
            return false;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
        {
            return true;
        }

        context.Report(field, $"expected a number, got '{text}'");
        return false;
    }

    public static bool TryBool(PolicyReadContext context, YamlField field, out bool value)
    {
        value = false;
        if (!TryPlain(context, field, "true or false", out var text))
        {
            return false;
        }

        switch (text)
        {
            case "true" or "True" or "TRUE":
                value = true;
                return true;
            case "false" or "False" or "FALSE":
                return true;
            default:
                context.Report(field, $"expected true or false, got '{text}'");
                return false;
        }
    }

    /// <summary>A Go-style duration that must be positive.</summary>
    public static bool TryPositiveDuration(PolicyReadContext context, YamlField field, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (!TryText(context, field, out var text))
        {
            return false;
        }

        if (!GoDuration.TryParse(text, out value))
        {
            context.Report(field, $"expected a duration such as 30s, 10m or 1h30m, got '{text}'");
            return false;
        }

        if (value <= TimeSpan.Zero)
        {
            context.Report(field, $"expected a duration > 0, got '{text}'");
            return false;
        }

        return true;
    }

    /// <summary>A Kubernetes quantity, written plain (<c>2</c>) or quoted (<c>"500m"</c>).</summary>
    public static bool TryQuantity(PolicyReadContext context, YamlField field, out string text, out decimal value)
    {
        value = 0;
        if (!TryText(context, field, out text))
        {
            return false;
        }

        if (Quantity.TryParse(text, out value))
        {
            return true;
        }

        context.Report(field, $"expected a quantity such as 2, 500m or 8Gi, got '{text}'");
        return false;
    }

    /// <summary>The items of a list; an empty value is an empty list.</summary>
    public static IReadOnlyList<YamlField> List(PolicyReadContext context, YamlField field, string what)
    {
        if (field.IsNull)
        {
            return [];
        }

        if (field.Node is not YamlSequenceNode sequence)
        {
            context.Report(field, $"expected a list of {what}, got {Describe(field.Node)}");
            return [];
        }

        return [.. sequence.Children.Select((item, i) => field.Item(i, item))];
    }

    /// <summary>How a value looks in a message: <c>'ten'</c>, <c>the string "10"</c>, <c>a mapping</c>, <c>a list</c>.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } s => $"the string \"{s.Value}\"",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an unsupported value",
    };

    private static bool TryPlain(PolicyReadContext context, YamlField field, string expected, out string text)
    {
        text = "";
        if (field.Node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: { } value })
        {
            text = value;
            return true;
        }

        var hint = field.Node is YamlScalarNode ? " (remove the quotes)" : "";
        context.Report(field, $"expected {expected}, got {Describe(field.Node)}{hint}");
        return false;
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();
}
