namespace FastScale.Simulation.Tests.Nodes;

internal static class PacingAssert
{
    /// <summary>Every window [tᵢ, tⱼ] of the send times holds at most <c>burst + qps × (tⱼ − tᵢ)</c> requests, the token
    /// bucket's promise.</summary>
    public static void WithinBudget(IEnumerable<DateTimeOffset> sent, double qps, int burst, string who)
    {
        var times = sent.Order().ToList();
        for (var i = 0; i < times.Count; i++)
        {
            for (var j = i; j < times.Count; j++)
            {
                var allowed = burst + (qps * (times[j] - times[i]).TotalSeconds);
                Assert.True(j - i + 1 <= allowed + 1e-9, $"{who}: {j - i + 1} requests within {(times[j] - times[i]).TotalSeconds:0.###} s, budget {allowed:0.###}");
            }
        }
    }
}
