using static FastScale.Engine.Tests.Policy.PolicyYaml;

namespace FastScale.Engine.Tests.Policy;

public sealed class LabelTaintRulesTests
{
    [Fact]
    public void Labels_AreReadAsWritten()
    {
        var result = Load(WithGroupLines("labels:", "  example.com/tier: \"1.10\"", "  spot: true", "  app: web", "  empty:"));

        AssertValid(result);
        var labels = result.Policy!.NodeGroups[0].Labels;
        Assert.Equal("1.10", labels["example.com/tier"]);
        Assert.Equal("true", labels["spot"]);
        Assert.Equal("web", labels["app"]);
        Assert.Equal("", labels["empty"]);
    }

    [Theory]
    [InlineData("\"bad key\"", "bad key", "got 'bad key'")]
    [InlineData("Example.com/tier", "Example.com/tier", "got prefix 'Example.com'")]
    [InlineData("/tier", "/tier", "got prefix ''")]
    [InlineData("example.com/-tier", "example.com/-tier", "got 'example.com/-tier'")]
    public void LabelKey_OutsideKubernetesSyntax_IsRejected(string yamlKey, string key, string fragment)
    {
        var result = Load(WithGroupLines("labels:", $"  {yamlKey}: x"));

        SingleProblem(result, $"test.yaml:15:7: nodeGroups[0].labels[\"{key}\"]", fragment);
    }

    [Fact]
    public void LabelName_LongerThan63_IsRejected()
    {
        var key = "example.com/" + new string('a', 64);

        var result = Load(WithGroupLines("labels:", $"  {key}: x"));

        SingleProblem(result, $"test.yaml:15:7: nodeGroups[0].labels[\"{key}\"]", "expected [prefix/]name");
    }

    [Theory]
    [InlineData("\"-x\"")]
    [InlineData("a b")]
    [InlineData("x_")]
    public void LabelValue_OutsideKubernetesSyntax_IsRejected(string value)
    {
        var result = Load(WithGroupLines("labels:", $"  app: {value}"));

        SingleProblem(result, "test.yaml:15:7: nodeGroups[0].labels[\"app\"]", "expected at most 63 letters, digits, '-', '_' or '.'");
    }

    [Fact]
    public void LabelSetByFastScale_IsRejected()
    {
        var result = Load(WithGroupLines("labels:", "  topology.kubernetes.io/zone: cn-hangzhou-h"));

        SingleProblem(result, "test.yaml:15:7: nodeGroups[0].labels[\"topology.kubernetes.io/zone\"]", "is set by FastScale on every node");
    }

    [Fact]
    public void LabelsThatAreAList_AreRejected()
    {
        var result = Load(WithGroupLines("labels: [app=web]"));

        SingleProblem(result, "test.yaml:14:5: nodeGroups[0].labels", "expected a mapping of label key to value, got a list");
    }

    [Fact]
    public void Taints_AreRead()
    {
        var result = Load(WithGroupLines("taints:", "  - { key: nvidia.com/gpu, value: present, effect: NoSchedule }", "  - { key: dedicated, effect: NoExecute }"));

        AssertValid(result);
        var taints = result.Policy!.NodeGroups[0].Taints;
        Assert.Equal(["nvidia.com/gpu=present:NoSchedule", "dedicated=:NoExecute"], taints.Select(t => $"{t.Key}={t.Value}:{t.Effect}"));
    }

    [Fact]
    public void TaintEffect_OutsideTheThreeEffects_IsRejected()
    {
        var result = Load(WithGroupLines("taints:", "  - { key: dedicated, value: gpu, effect: NoScheduled }"));

        SingleProblem(result, "test.yaml:15:39: nodeGroups[0].taints[0].effect", "expected one of NoSchedule, PreferNoSchedule, NoExecute, got 'NoScheduled'");
    }

    [Fact]
    public void TaintWithoutKeyAndEffect_ReportsBoth()
    {
        var result = Load(WithGroupLines("taints:", "  - { value: gpu }"));

        Assert.Equal(2, result.Problems.Count);
        HasProblem(result, "test.yaml:15:9: nodeGroups[0].taints[0].key", "required");
        HasProblem(result, "test.yaml:15:9: nodeGroups[0].taints[0].effect", "required");
    }

    [Fact]
    public void TaintKey_OutsideKubernetesSyntax_IsRejected()
    {
        var result = Load(WithGroupLines("taints:", "  - { key: \"gpu node\", effect: NoSchedule }"));

        SingleProblem(result, "test.yaml:15:11: nodeGroups[0].taints[0].key", "got 'gpu node'");
    }

    [Fact]
    public void DuplicateTaintKeyAndEffect_IsRejected()
    {
        var result = Load(WithGroupLines("taints:", "  - { key: dedicated, value: a, effect: NoSchedule }", "  - { key: dedicated, value: b, effect: NoSchedule }"));

        SingleProblem(result, "test.yaml:16:9: nodeGroups[0].taints[1]", "duplicate taint dedicated:NoSchedule");
    }

    [Fact]
    public void UnknownTaintField_IsRejected()
    {
        var result = Load(WithGroupLines("taints:", "  - { key: dedicated, effect: NoSchedule, operator: Exists }"));

        SingleProblem(result, "test.yaml:15:47: nodeGroups[0].taints[0].operator", "unknown key 'operator'; allowed keys: key, value, effect");
    }
}
