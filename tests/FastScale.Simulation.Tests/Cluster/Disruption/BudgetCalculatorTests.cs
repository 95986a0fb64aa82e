using FastScale.Simulation.Cluster.Disruption;

namespace FastScale.Simulation.Tests.Cluster.Disruption;

public sealed class BudgetCalculatorTests
{
    private static readonly PodController Web = new("ReplicaSet", "web", "rs-1");

    [Fact]
    public void TerminatingAndUnreadyPods_AreNotHealthy_ButAreExpected()
    {
        var spec = new BudgetSpec(new IntOrPercent(1, IsPercent: false), null, null, AlwaysAllowUnhealthy: false);
        PodFacts[] pods = [Pod("a"), Pod("b", terminating: true), Pod("c", ready: false)];

        var figures = BudgetCalculator.Compute(spec, pods, _ => 3);

        Assert.Equal(new BudgetFigures(CurrentHealthy: 1, DesiredHealthy: 1, ExpectedPods: 3, DisruptionsAllowed: 0, SyncFailure: null), figures);
    }

    [Fact]
    public void NoPodExpected_AllowsNoDisruption_EvenWithHealthyToSpare()
    {
        var spec = new BudgetSpec(null, new IntOrPercent(50, IsPercent: true), null, AlwaysAllowUnhealthy: false);

        var figures = BudgetCalculator.Compute(spec, [Pod("a"), Pod("b")], _ => 0);

        Assert.Equal((0, 0, 0), (figures.ExpectedPods, figures.DesiredHealthy, figures.DisruptionsAllowed));
    }

    [Fact]
    public void PodsOfOneController_CountItsReplicasOnce()
    {
        var spec = new BudgetSpec(null, new IntOrPercent(1, IsPercent: false), null, AlwaysAllowUnhealthy: false);

        var figures = BudgetCalculator.Compute(spec, [Pod("a"), Pod("b"), Pod("c")], c => c == Web ? 5 : null);

        Assert.Equal((5, 4, 0), (figures.ExpectedPods, figures.DesiredHealthy, figures.DisruptionsAllowed));
    }

    [Theory]
    [InlineData(50, 5, true, 3)]
    [InlineData(50, 5, false, 2)]
    [InlineData(1, 1, true, 1)]
    [InlineData(0, 7, true, 0)]
    [InlineData(100, 7, true, 7)]
    public void Percentages_ScaleAsApimachineryDoes(int percent, int total, bool roundUp, int expected) =>
        Assert.Equal(expected, new IntOrPercent(percent, IsPercent: true).Scale(total, roundUp));

    private static PodFacts Pod(string name, bool ready = true, bool terminating = false) => new(name, "Running", ready, terminating, Web);
}
