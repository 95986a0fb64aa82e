using FastScale.Engine.Cloud;
using FastScale.Engine.Policy;
using static FastScale.Engine.Tests.Policy.PolicyYaml;

namespace FastScale.Engine.Tests.Policy;

public sealed class PolicyLoaderTests
{
    [Fact]
    public void MinimalPolicy_IsValid()
    {
        AssertValid(Load(Minimal));
    }

    [Fact]
    public void OmittedOptionalFields_TakeTheModelDefaults()
    {
        var result = Load(Minimal);

        AssertValid(result);
        var policy = result.Policy!;
        Assert.True(policy.Provider.FastMode);
        Assert.Equal("aliyun.accelerator/nvidia_name", policy.Provider.GpuLabel);
        var group = Assert.Single(policy.NodeGroups);
        Assert.Equal("prebaked", group.ImageKind);
        Assert.Empty(group.Labels);
        Assert.Empty(group.Taints);
        Assert.Equal("", group.Reserved.Cpu);
        Assert.Equal(0, group.WarmPool.Size);
        Assert.True(group.Repair.Enabled);
        Assert.Equal(TimeSpan.FromMinutes(10), group.Repair.RegistrationTimeout);
        Assert.Equal(20, group.Repair.MaxUnhealthyPercent);
        Assert.Null(group.Prices);
        Assert.Null(group.AutoscalingOptions.ScaleDownUnneededTime);
    }

    [Fact]
    public void OmittedPacing_GetsConservativeDefaultsForEveryAction()
    {
        var policy = Load(Minimal).Policy!;

        Assert.Equal(CloudActions.All.Order(), policy.Pacing.Keys.Order());
        Assert.Equal(10, policy.Pacing[CloudAction.RunInstances].Qps);
        Assert.Equal(10, policy.Pacing[CloudAction.RunInstances].Burst);
        Assert.Equal(20, policy.Pacing[CloudAction.DescribeInstances].Qps);
        Assert.Equal(20, policy.Pacing[CloudAction.DescribeInstances].Burst);
        Assert.Equal(10, policy.PacingFor(CloudAction.DeleteInstances).Qps);
    }

    [Fact]
    public void UnknownKey_IsReportedWithLineColumnAndAllowedKeys()
    {
        var result = Load(With("    maxSize: 10", "    maxSize: 10\n    maxNodes: 5"));

        var problem = SingleProblem(result, "test.yaml:7:5: nodeGroups[0].maxNodes", "unknown key 'maxNodes'");
        Assert.Contains("allowed keys: id, minSize, maxSize, imageId", problem.Message);
    }

    [Fact]
    public void MisspelledRequiredKey_IsReportedOnceWithASuggestion()
    {
        var result = Load(With("    maxSize: 10", "    maxsize: 10"));

        SingleProblem(result, "test.yaml:6:5: nodeGroups[0].maxsize", "unknown key 'maxsize' (did you mean 'maxSize'?)");
    }

    [Fact]
    public void UnknownKey_FarFromAnyAllowedKey_GetsNoSuggestion()
    {
        var result = Load(WithGroupLines("spotStrategy: SpotAsPriceGo"));

        var problem = SingleProblem(result, "test.yaml:14:5: nodeGroups[0].spotStrategy", "unknown key 'spotStrategy'; allowed keys:");
        Assert.DoesNotContain("did you mean", problem.Message);
    }

    [Fact]
    public void MergeKey_IsReportedAsUnsupported()
    {
        var result = Load("defaults: &d { minSize: 0 }\n" + Minimal.Replace("    minSize: 0\n", "    <<: *d\n", StringComparison.Ordinal));

        HasProblem(result, "test.yaml:1:1: defaults", "unknown key 'defaults'");
        HasProblem(result, "test.yaml:6:5: nodeGroups[0].<<", "merge keys (<<) are not supported");
    }

    [Fact]
    public void UnknownTopLevelKey_IsReported()
    {
        var result = Load("clusterID: x\n" + Minimal);

        SingleProblem(result, "test.yaml:1:1: clusterID", "unknown key 'clusterID' (did you mean 'clusterId'?)");
    }

    [Fact]
    public void WrongScalarType_NamesExpectedTypeAndValue()
    {
        var result = Load(With("maxSize: 10", "maxSize: ten"));

        SingleProblem(result, "test.yaml:6:5: nodeGroups[0].maxSize", "expected an integer, got 'ten'");
    }

    [Fact]
    public void QuotedInteger_IsRejectedWithAHint()
    {
        var result = Load(With("maxSize: 10", "maxSize: \"10\""));

        SingleProblem(result, "test.yaml:6:5: nodeGroups[0].maxSize", "expected an integer, got the string \"10\" (remove the quotes)");
    }

    [Fact]
    public void MappingWhereScalarExpected_IsReported()
    {
        var result = Load(With("imageId: m-test", "imageId: { id: m-test }"));

        SingleProblem(result, "test.yaml:7:5: nodeGroups[0].imageId", "expected a string, got a mapping");
    }

    [Fact]
    public void ScalarWhereListExpected_IsReported()
    {
        var result = Load(With("instanceTypes: [ecs.g7.large, ecs.g6.large]", "instanceTypes: ecs.g7.large"));

        SingleProblem(result, "test.yaml:8:5: nodeGroups[0].instanceTypes", "expected a list of ECS instance types, got 'ecs.g7.large'");
    }

    [Fact]
    public void MissingRequiredTopLevelFields_AreAllReported()
    {
        var result = Load("provider: { fastMode: true }\n");

        Assert.Equal(3, result.Problems.Count);
        HasProblem(result, "test.yaml:1:1: clusterId", "required");
        HasProblem(result, "test.yaml:1:1: region", "required");
        HasProblem(result, "test.yaml:1:1: nodeGroups", "required");
    }

    [Fact]
    public void SeveralProblems_AreAllReportedInFileOrder()
    {
        var yaml = Replace(Replace(Replace(Minimal, "region: cn-hangzhou", "region: Hangzhou"), "maxSize: 10", "maxSize: -3"), "pods: \"110\"", "pods: lots");

        var result = Load(yaml);

        Assert.Equal(
            [
                "test.yaml:2:1: region: expected an ECS region id such as cn-hangzhou or ap-southeast-1, got 'Hangzhou'",
                "test.yaml:6:5: nodeGroups[0].maxSize: expected an integer ≥ minSize (0), got -3",
                "test.yaml:13:41: nodeGroups[0].resources.pods: expected a quantity such as 2, 500m or 8Gi, got 'lots'",
            ],
            result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void DuplicateKey_IsReportedWithTheFirstPosition_AndOtherProblemsStillFound()
    {
        var result = Load(With("    maxSize: 10", "    maxSize: 10\n    maxSize: 20\n    imageKind: fast"));

        Assert.Equal(2, result.Problems.Count);
        HasProblem(result, "test.yaml:7:5: nodeGroups[0].maxSize", "duplicate key 'maxSize' (first at line 6, column 5)");
        HasProblem(result, "test.yaml:8:5: nodeGroups[0].imageKind", "expected one of prebaked, general, got 'fast'");
        Assert.Equal(10, result.Policy!.NodeGroups[0].MaxSize);
    }

    [Fact]
    public void DuplicateKey_UnderAnUnknownKey_IsStillReported()
    {
        var result = Load(Minimal + "extra:\n  a: 1\n  a: 2\n");

        Assert.Equal(2, result.Problems.Count);
        HasProblem(result, "test.yaml:14:1: extra", "unknown key 'extra'");
        HasProblem(result, "test.yaml:16:3: a", "duplicate key 'a' (first at line 15, column 3)");
    }

    [Fact]
    public void AliasToAnUnknownAnchor_IsASyntaxProblem()
    {
        var result = Load(With("imageId: m-test", "imageId: *image"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("(syntax)", problem.Field);
        Assert.Contains("image", problem.Message);
    }

    [Fact]
    public void YamlSyntaxError_IsReportedWithItsPosition()
    {
        var result = Load("clusterId: test\nregion: [cn-hangzhou\nnodeGroups: []\n");

        Assert.Null(result.Policy);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("test.yaml", problem.File);
        Assert.Equal("(syntax)", problem.Field);
        Assert.Equal(3, problem.Line);
        Assert.StartsWith("invalid YAML: ", problem.Message);
    }

    [Fact]
    public void TabIndentation_IsASyntaxError()
    {
        var result = Load("clusterId: test\nnodeGroups:\n\t- id: a\n");

        var problem = Assert.Single(result.Problems);
        Assert.Equal("(syntax)", problem.Field);
        Assert.Contains("tab", problem.Message);
    }

    [Fact]
    public void UnterminatedFlowSequence_IsASyntaxErrorNotAnException()
    {
        var result = Load("clusterId: [a, b\nregion: x\n");

        var problem = Assert.Single(result.Problems);
        Assert.Equal("(syntax)", problem.Field);
        Assert.True(problem.Line >= 1);
    }

    [Fact]
    public void EmptyFile_IsAProblem()
    {
        var result = Load("# nothing here\n");

        SingleProblem(result, "test.yaml:1:1: (document)", "the file holds no policy");
    }

    [Fact]
    public void RootThatIsNotAMapping_IsAProblem()
    {
        var result = Load("- clusterId: test\n");

        SingleProblem(result, "test.yaml:1:1: (document)", "expected a policy mapping with keys clusterId, region, provider, pacing, nodeGroups, got a list");
    }

    [Fact]
    public void SecondDocument_IsAProblem()
    {
        var result = Load(Minimal + "---\nclusterId: other\n");

        SingleProblem(result, "test.yaml:15:1: (document)", "expected one YAML document, found 2");
    }

    [Fact]
    public void MissingFile_IsAProblemAtLineZero()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fastscale-missing-{Guid.NewGuid():N}", "policy.yaml");

        var result = PolicyLoader.LoadFile(path);

        Assert.Null(result.Policy);
        var problem = Assert.Single(result.Problems);
        Assert.Equal($"{path}:0:0: (file): cannot read the policy file: no such file", problem.ToString());
    }

    [Fact]
    public void LoadFile_NamesTheFileAsGivenInProblems()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fastscale-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, With("maxSize: 10", "maxSize: 0"));
        try
        {
            var result = PolicyLoader.LoadFile(path);

            SingleProblem(result, $"{path}:6:5: nodeGroups[0].maxSize", "expected an integer ≥ 1, got 0");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
