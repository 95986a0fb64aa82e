using FastScale.Simulation.Machines;

namespace FastScale.Simulation.Tests.Machines;

public sealed class InstanceTypeCatalogTests
{
    [Fact]
    public void Embedded_KnowsTheSamplePolicysTypes_WithTheirShapes()
    {
        var catalog = InstanceTypeCatalog.Embedded;

        Assert.Equal(new InstanceTypeSpec("ecs.g7.large", 2, 8192, InstanceTypeSpec.X86, 0), catalog.Find("ecs.g7.large"));
        Assert.Equal(new InstanceTypeSpec("ecs.g8y.large", 2, 8192, InstanceTypeSpec.Arm, 0), catalog.Find("ecs.g8y.large"));
        Assert.Equal(new InstanceTypeSpec("ecs.gn7i-c8g1.2xlarge", 8, 30720, InstanceTypeSpec.X86, 1), catalog.Find("ecs.gn7i-c8g1.2xlarge"));
        Assert.Null(catalog.Find("ecs.nonesuch.large"));
    }

    [Theory]
    [InlineData("ecs.a.large 2 8192 X86")]
    [InlineData("ecs.a.large 0 8192 X86 0")]
    [InlineData("ecs.a.large 2 8192 RISCV 0")]
    [InlineData("ecs.a.large 2 8192 X86 0\necs.a.large 4 8192 X86 0")]
    public void Parse_BadLine_NamesTheLine(string text)
    {
        var error = Assert.Throws<FormatException>(() => InstanceTypeCatalog.Parse(text));

        Assert.Contains("line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CommentsAndBlankLines_Skipped()
    {
        var catalog = InstanceTypeCatalog.Parse("# header\n\necs.a.large  2  4096  ARM  0  # trailing\n");

        Assert.Equal(new InstanceTypeSpec("ecs.a.large", 2, 4096, InstanceTypeSpec.Arm, 0), Assert.Single(catalog.All));
    }
}
