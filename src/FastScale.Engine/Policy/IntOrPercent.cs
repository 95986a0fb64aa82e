using System.Globalization;

namespace FastScale.Engine.Policy;

/// <summary>
/// A count written either as a number of nodes (<c>2</c>) or as a share of the group (<c>"10%"</c>), like Kubernetes'
/// IntOrString in a Deployment's <c>rollingUpdate</c>.
/// </summary>
public readonly record struct IntOrPercent(int Value, bool IsPercent)
{
    public static IntOrPercent Count(int value) => new(value, false);

    public static IntOrPercent Percent(int value) => new(value, true);

    /// <summary>True when it can never resolve above zero (0 or 0%), whatever the group's size.</summary>
    public bool IsZero => Value == 0;

    /// <summary>
    /// The number of nodes for a group of <paramref name="groupSize"/>: a count as it is, a percentage scaled and rounded
    /// up or down as asked (Kubernetes' <c>intstr.GetScaledValueFromIntOrPercent</c>).
    /// </summary>
    public int Resolve(int groupSize, bool roundUp)
    {
        if (!IsPercent)
        {
            return Value;
        }

        var scaled = (long)Value * Math.Max(0, groupSize);
        return (int)(roundUp ? (scaled + 99) / 100 : scaled / 100);
    }

    public override string ToString() =>
        IsPercent ? string.Create(CultureInfo.InvariantCulture, $"{Value}%") : Value.ToString(CultureInfo.InvariantCulture);
}
