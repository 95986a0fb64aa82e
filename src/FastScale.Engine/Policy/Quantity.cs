using System.Globalization;

namespace FastScale.Engine.Policy;

/// <summary>
/// Kubernetes resource quantities ("2", "500m", "8Gi", "1.5", "100M", "1e3") as a number in base units:
/// cores for cpu, bytes for memory and storage, a count for pods and extended resources.
/// </summary>
/// <remarks>
/// The grammar is apimachinery's: an optionally signed decimal number followed by a binary SI suffix
/// (Ki … Ei), a decimal SI suffix (n, u, m, "", k, M, G, T, P, E) or a decimal exponent (e3, E-2).
/// No spaces are allowed, as in Kubernetes. Values beyond the range of <see cref="decimal"/> do not parse.
/// </remarks>
public static class Quantity
{
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var s = text.AsSpan();
        var i = 0;
        var negative = false;
        if (s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            i++;
        }

        var numberStart = i;
        var digits = SkipDigits(s, ref i);
        if (i < s.Length && s[i] == '.')
        {
            i++;
            digits += SkipDigits(s, ref i);
        }

        if (digits == 0
            || !decimal.TryParse(s[numberStart..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            || !TryScale(s[i..], out var scale))
        {
            return false;
        }

        try
        {
            value = scale.Multiplier * number / scale.Divisor;
        }
        catch (OverflowException)
        {
            return false;
        }

        if (negative)
        {
            value = -value;
        }

        return true;
    }

    private static int SkipDigits(ReadOnlySpan<char> s, ref int i)
    {
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        return i - start;
    }

    private static bool TryScale(ReadOnlySpan<char> suffix, out (decimal Multiplier, decimal Divisor) scale)
    {
        scale = suffix switch
        {
            "" => (1m, 1m),
            "n" => (1m, 1_000_000_000m),
            "u" => (1m, 1_000_000m),
            "m" => (1m, 1_000m),
            "k" => (1_000m, 1m),
            "M" => (1_000_000m, 1m),
            "G" => (1_000_000_000m, 1m),
            "T" => (1_000_000_000_000m, 1m),
            "P" => (1_000_000_000_000_000m, 1m),
            "E" => (1_000_000_000_000_000_000m, 1m),
            "Ki" => (1L << 10, 1m),
            "Mi" => (1L << 20, 1m),
            "Gi" => (1L << 30, 1m),
            "Ti" => (1L << 40, 1m),
            "Pi" => (1L << 50, 1m),
            "Ei" => (1L << 60, 1m),
            _ => (0m, 0m),
        };
        if (scale.Multiplier != 0)
        {
            return true;
        }

        // A decimal exponent: e or E followed by an optionally signed integer. "E" alone (exa) matched above.
        if (suffix.Length < 2 || suffix[0] is not ('e' or 'E')
            || !int.TryParse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent)
            || Math.Abs(exponent) > 28)
        {
            return false;
        }

        var power = 1m;
        for (var k = 0; k < Math.Abs(exponent); k++)
        {
            power *= 10m;
        }

        scale = exponent >= 0 ? (power, 1m) : (1m, power);
        return true;
    }
}
