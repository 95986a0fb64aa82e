namespace FastScale.Burst;

/// <summary>The statistics of a report: nearest-rank percentiles and an empirical CDF, over seconds.</summary>
internal static class Percentiles
{
    /// <summary>
    /// The nearest-rank percentile (<paramref name="q"/> in (0, 1]) of <paramref name="sorted"/> (ascending): the smallest
    /// value with at least q of the values at or below it. Nearest-rank, not interpolated, so every figure in a report is a
    /// time some node really had. NaN for no values.
    /// </summary>
    public static double Of(IReadOnlyList<double> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(q, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1.0);
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling((q * sorted.Count) - 1e-9);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    /// <summary>
    /// The empirical CDF as steps: for each distinct value v (ascending), the share of <paramref name="values"/> at or
    /// below v. With <paramref name="total"/> larger than the count (nodes that never got ready), the curve stops short of 1.
    /// </summary>
    public static IReadOnlyList<(double Seconds, double Share)> Cdf(IEnumerable<double> values, int? total = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        var n = total ?? sorted.Length;
        var steps = new List<(double, double)>();
        if (n == 0)
        {
            return steps;
        }

        for (var i = 0; i < sorted.Length; i++)
        {
            if (i + 1 < sorted.Length && sorted[i + 1] == sorted[i])
            {
                continue;
            }

            steps.Add((sorted[i], (i + 1) / (double)n));
        }

        return steps;
    }
}
