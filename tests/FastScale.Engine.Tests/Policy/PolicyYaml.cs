using FastScale.Engine.Policy;

namespace FastScale.Engine.Tests.Policy;

/// <summary>A minimal valid policy whose line numbers the rule tests rely on, and assertions on problems.</summary>
internal static class PolicyYaml
{
    public const string FileName = "test.yaml";

    /// <summary>
    /// Line numbers matter: 1 clusterId, 2 region, 3 nodeGroups, 4 "  - id" (keys of the group at column 5),
    /// 5 minSize, 6 maxSize, 7 imageId, 8 instanceTypes, 9 zones, 10-11 zone items (column 7), 12 securityGroupId,
    /// 13 resources. Text appended after it continues the group at line 14.
    /// </summary>
    public const string Minimal =
        """
        clusterId: test
        region: cn-hangzhou
        nodeGroups:
          - id: general
            minSize: 0
            maxSize: 10
            imageId: m-test
            instanceTypes: [ecs.g7.large, ecs.g6.large]
            zones:
              - { zoneId: cn-hangzhou-h, vSwitchId: vsw-h }
              - { zoneId: cn-hangzhou-i, vSwitchId: vsw-i }
            securityGroupId: sg-test
            resources: { cpu: "2", memory: 8Gi, pods: "110" }

        """;

    public static PolicyLoadResult Load(string yaml) => PolicyLoader.LoadText(yaml, FileName);

    /// <summary>The minimal policy with <paramref name="find"/> (which must occur exactly once) replaced.</summary>
    public static string With(string find, string replace) => Replace(Minimal, find, replace);

    /// <summary>The minimal policy with more fields of the group appended, from line 14.</summary>
    public static string WithGroupLines(params string[] lines) => Minimal + string.Concat(lines.Select(l => "    " + l + "\n"));

    public static string Replace(string yaml, string find, string replace)
    {
        var at = yaml.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find}' is not in the test policy");
        Assert.Equal(at, yaml.LastIndexOf(find, StringComparison.Ordinal));
        return yaml[..at] + replace + yaml[(at + find.Length)..];
    }

    /// <summary>Asserts the load found exactly one problem, at <paramref name="where"/> ("file:line:col: field"), whose message contains <paramref name="fragment"/>.</summary>
    public static PolicyProblem SingleProblem(PolicyLoadResult result, string where, string fragment)
    {
        Assert.False(result.IsValid);
        var problem = Assert.Single(result.Problems);
        AssertProblem(problem, where, fragment);
        return problem;
    }

    /// <summary>Asserts one of the problems is at <paramref name="where"/> and says <paramref name="fragment"/>.</summary>
    public static PolicyProblem HasProblem(PolicyLoadResult result, string where, string fragment)
    {
        var matches = result.Problems.Where(p => p.ToString().StartsWith(where + ": ", StringComparison.Ordinal)).ToList();
        Assert.True(matches.Count > 0, $"no problem at {where}; problems:\n{string.Join("\n", result.Problems)}");
        var problem = matches.FirstOrDefault(p => p.Message.Contains(fragment, StringComparison.Ordinal));
        Assert.True(problem is not null, $"no problem at {where} says '{fragment}'; problems:\n{string.Join("\n", result.Problems)}");
        return problem!;
    }

    public static void AssertValid(PolicyLoadResult result)
    {
        Assert.True(result.IsValid, $"expected no problems, got:\n{string.Join("\n", result.Problems)}");
    }

    private static void AssertProblem(PolicyProblem problem, string where, string fragment)
    {
        var text = problem.ToString();
        Assert.True(text.StartsWith(where + ": ", StringComparison.Ordinal), $"expected a problem at {where}, got: {text}");
        Assert.True(problem.Message.Contains(fragment, StringComparison.Ordinal), $"expected the message to contain '{fragment}', got: {text}");
    }
}
