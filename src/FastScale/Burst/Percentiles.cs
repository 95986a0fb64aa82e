namespace FastScale.Burst;

/// <summary>The statistics of a report: nearest-rank percentiles and an empirical CDF, over seconds.</summary>
internal static class Percentiles
{
    /// <summary>
    /// The nearest-rank percentile (<paramref name="q"/> in (0, 1]) over <paramref name="requested"/> values, of which
    /// <paramref name="sorted"/> (ascending) are the ones that happened; the rest never did and count as +∞. So it is the
    /// smallest time by which at least q of the requested had happened, or null when fewer than that ever did: with 100
    /// requested and 89 Ready, P90 is not reached, never the P90 of the 89. Nearest-rank, not interpolated, so every
    /// figure in a report is a time some node really had. Null for nothing requested.
    /// </summary>
    public static double? Of(IReadOnlyList<double> sorted, double q, int requested)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(q, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(requested, sorted.Count);
        if (requested == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (int)Math.Ceiling((q * requested) - 1e-9));
        return rank <= sorted.Count ? sorted[rank - 1] : null;
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
