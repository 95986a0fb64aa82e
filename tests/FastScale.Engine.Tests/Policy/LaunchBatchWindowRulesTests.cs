using static FastScale.Engine.Tests.Policy.PolicyYaml;

namespace FastScale.Engine.Tests.Policy;

/// <summary>Rules on <c>provider.launchBatchWindow</c>.</summary>
public sealed class LaunchBatchWindowRulesTests
{
    [Fact]
    public void Window_IsRead_AndDefaultsToOneSecond()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), Load(Minimal).Policy!.Provider.LaunchBatchWindow);

        var result = Load("provider:\n  launchBatchWindow: 250ms\n" + Minimal);

        AssertValid(result);
        Assert.Equal(TimeSpan.FromMilliseconds(250), result.Policy!.Provider.LaunchBatchWindow);
    }

    [Fact]
    public void Zero_IsRejected()
    {
        var result = Load("provider:\n  launchBatchWindow: 0s\n" + Minimal);

        SingleProblem(result, "test.yaml:2:3: provider.launchBatchWindow", "expected a duration > 0, got '0s'");
    }

    [Fact]
    public void BeyondTenSeconds_IsRejected()
    {
        var result = Load("provider:\n  launchBatchWindow: 30s\n" + Minimal);

        SingleProblem(result, "test.yaml:2:3: provider.launchBatchWindow", "expected a duration of at most 10s");
    }
}
