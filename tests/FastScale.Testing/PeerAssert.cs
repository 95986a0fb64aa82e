using Xunit;

namespace FastScale.Testing;

public static class PeerAssert
{
    /// <summary>The peer exited 0 in time and reported every expected check as passed.</summary>
    public static void Passed(ProcessResult result, IEnumerable<string> expectedChecks)
    {
        Assert.False(result.TimedOut, result.Describe());
        Assert.True(result.ExitCode == 0, result.Describe());
        var missing = expectedChecks.Where(check => !result.PassedChecks.Contains(check)).ToList();
        Assert.True(missing.Count == 0, $"checks not reported as ok: {string.Join(", ", missing)}\n{result.Describe()}");
    }
}
