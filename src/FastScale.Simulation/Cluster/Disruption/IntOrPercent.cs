using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FastScale.Simulation.Cluster.Disruption;

/// <summary>
/// A Kubernetes <c>IntOrString</c> as budgets use it: a count (<c>2</c>) or a percentage string (<c>"50%"</c>).
/// Scaled against a total as apimachinery's <c>GetScaledValueFromIntOrPercent</c> does; the disruption controller asks
/// it to round up for both minAvailable and maxUnavailable.
/// </summary>
internal readonly record struct IntOrPercent(int Value, bool IsPercent)
{
    public static bool TryParse(JsonNode? node, out IntOrPercent value, out string error)
    {
        value = default;
        error = "";
        if (node is JsonValue number && number.GetValueKind() == JsonValueKind.Number)
        {
            if (!number.TryGetValue<int>(out var count) || count < 0)
            {
                error = "must be greater than or equal to 0";
                return false;
            }

            value = new IntOrPercent(count, IsPercent: false);
            return true;
        }

        if (node is JsonValue text && text.TryGetValue<string>(out var s) && s.EndsWith('%')
            && int.TryParse(s.AsSpan(0, s.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
        {
            if (percent > 100)
            {
                error = "must be no more than 100%";
                return false;
            }

            value = new IntOrPercent(percent, IsPercent: true);
            return true;
        }

        error = "a valid percent string must be a numeric string followed by an ending '%'";
        return false;
    }

    /// <summary>The count this stands for out of <paramref name="total"/>, rounding a percentage up when asked.</summary>
    public int Scale(int total, bool roundUp)
    {
        if (!IsPercent)
        {
            return Value;
        }

        var product = (long)Value * total;
        return (int)(roundUp ? (product + 99) / 100 : product / 100);
    }

    public override string ToString() => IsPercent ? $"{Value}%" : Value.ToString(CultureInfo.InvariantCulture);
}
