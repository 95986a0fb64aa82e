using FastScale.Engine.Policy;

namespace FastScale.Engine.Tests.Policy;

public sealed class PolicyLocatorTests
{
    private const string Yaml = "clusterId: c\nregion: cn-hangzhou\nnodeGroups:\n  - id: g1\n    maxSize: 10\n  - id: g2\n    maxSize: 5\n";

    [Theory]
    [InlineData("clusterId", 1, 1)]
    [InlineData("nodeGroups[1].maxSize", 7, 5)]
    [InlineData("nodeGroups[1].imageId", 6, 5)]
    [InlineData("nodeGroups", 3, 1)]
    [InlineData("pacing", 0, 0)]
    public void Place_AProblemAtLineZero_PointsAtItsFieldOrTheNearestEnclosingOne(string field, int line, int column)
    {
        var placed = Assert.Single(PolicyLocator.Place([new PolicyProblem("p.yaml", 0, 0, field, "m")], Yaml));

        Assert.Equal((line, column), (placed.Line, placed.Column));
    }

    [Fact]
    public void Place_AProblemThatHasAPosition_IsLeftAlone()
    {
        var problem = new PolicyProblem("p.yaml", 2, 3, "clusterId", "m");

        Assert.Same(problem, Assert.Single(PolicyLocator.Place([problem], Yaml)));
    }
}
