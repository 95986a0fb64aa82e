using static FastScale.Engine.Tests.Policy.PolicyYaml;

namespace FastScale.Engine.Tests.Policy;

/// <summary>Rules on <c>provider.fastModeWindow</c>; the section comes first, so the minimal policy follows.</summary>
public sealed class FastModeWindowRulesTests
{
    [Fact]
    public void Window_IsRead()
    {
        var result = Load("provider:\n  fastModeWindow: { idle: 20ms, max: 2s }\n" + Minimal);

        AssertValid(result);
        Assert.Equal((TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(2)), (result.Policy!.Provider.FastModeIdle, result.Policy.Provider.FastModeMax));
    }

    [Fact]
    public void Window_DefaultsTo50And500Milliseconds()
    {
        var provider = Load(Minimal).Policy!.Provider;

        Assert.True(provider.FastMode);
        Assert.Equal((TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(500)), (provider.FastModeIdle, provider.FastModeMax));
    }

    [Fact]
    public void ZeroIdle_IsRejected()
    {
        var result = Load("provider:\n  fastModeWindow: { idle: 0s }\n" + Minimal);

        SingleProblem(result, "test.yaml:2:21: provider.fastModeWindow.idle", "expected a duration > 0, got '0s'");
    }

    [Fact]
    public void MaxBelowIdle_IsRejected()
    {
        var result = Load("provider:\n  fastModeWindow: { idle: 200ms, max: 100ms }\n" + Minimal);

        SingleProblem(result, "test.yaml:2:34: provider.fastModeWindow.max", "expected a duration ≥ idle (200ms), got '100ms'");
    }

    [Fact]
    public void IdleAboveDefaultMax_IsRejected()
    {
        var result = Load("provider:\n  fastModeWindow: { idle: 1s }\n" + Minimal);

        SingleProblem(result, "test.yaml:2:21: provider.fastModeWindow.idle", "expected a duration ≤ max (500ms), got '1s'");
    }

    [Fact]
    public void MaxBeyondTenSeconds_IsRejected()
    {
        var result = Load("provider:\n  fastModeWindow: { max: 1m }\n" + Minimal);

        SingleProblem(result, "test.yaml:2:21: provider.fastModeWindow.max", "expected a duration of at most 10s");
    }

    [Fact]
    public void UnquotedNumber_IsRejectedAsADuration()
    {
        var result = Load("provider:\n  fastModeWindow: { idle: 50 }\n" + Minimal);

        SingleProblem(result, "test.yaml:2:21: provider.fastModeWindow.idle", "expected a duration such as 30s");
    }
}
