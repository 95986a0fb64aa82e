using FastScale.Burst;
using FastScale.Commands;
using FastScale.Serve;

namespace FastScale.Tests.Commands;

/// <summary><c>burst</c> and <c>plan</c> with <c>--policy FILE</c> and <c>--group ID</c>.</summary>
public sealed class ScenarioPolicyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fastscale-policy-").FullName;

    /// <summary>The sample policy (deploy/policy.yaml, as compiled into the binary) written out as a file of its own.</summary>
    private string SamplePolicy
    {
        get
        {
            var path = Path.Combine(_folder, "policy.yaml");
            using var stream = typeof(EmbeddedPolicy).Assembly.GetManifestResourceStream("FastScale.embedded-policy.yaml")!;
            using var file = File.Create(path);
            stream.CopyTo(file);
            return path;
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static BurstScenario Scenario(string name) => BurstScenarios.Find(name, null, out _)!;

    [Fact]
    public void Resolve_NoFile_UsesTheEmbeddedPolicyAndItsFirstGroup()
    {
        var (policy, scenario) = ScenarioPolicy.Resolve(null, null, Scenario("cold-100"));

        Assert.Equal("fastscale-demo", policy.ClusterId);
        Assert.Equal(policy.NodeGroups[0].Id, scenario.GroupId);
    }

    [Fact]
    public void Resolve_FileAndGroup_RunsOnThatGroup()
    {
        var (policy, scenario) = ScenarioPolicy.Resolve(SamplePolicy, "gpu", Scenario("cold-10"));

        Assert.Equal("gpu", scenario.GroupId);
        Assert.Contains(policy.NodeGroups, g => g.Id == "gpu");
    }

    [Fact]
    public void Resolve_UnknownGroup_NamesItAndTheGroupsThereAre()
    {
        var error = Assert.Throws<UserError>(() => ScenarioPolicy.Resolve(SamplePolicy, "cpu", Scenario("cold-10")));

        Assert.Contains("'cpu'", error.Message, StringComparison.Ordinal);
        Assert.Contains("general, gpu", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_IpExhaustedOnAOneZoneGroup_IsRefusedForWantOfASecondZone()
    {
        var oneZone = Path.Combine(_folder, "one-zone.yaml");
        var text = File.ReadAllText(SamplePolicy);
        File.WriteAllText(oneZone, text.Replace("      - { zoneId: cn-hangzhou-i, vSwitchId: vsw-bp1e2l3kjz4xq9wd1ub7x }\n", "", StringComparison.Ordinal));

        var error = Assert.Throws<UserError>(() => ScenarioPolicy.Resolve(oneZone, "general", Scenario("ipexhausted-10")));
        var (_, cold) = ScenarioPolicy.Resolve(oneZone, "general", Scenario("cold-10"));

        Assert.Contains("second zone", error.Message, StringComparison.Ordinal);
        Assert.Equal("general", cold.GroupId);
    }

    [Fact]
    public void Resolve_MoreNodesThanTheGroupsMax_IsRefused()
    {
        var error = Assert.Throws<UserError>(() => ScenarioPolicy.Resolve(SamplePolicy, "gpu", Scenario("cold-100")));

        Assert.Contains("maxSize 20", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_InvalidFile_ReportsTheLoadersProblems()
    {
        var path = Path.Combine(_folder, "bad.yaml");
        File.WriteAllText(path, "clusterId: x\nregion: cn-hangzhou\nnodeGroups: []\nbogus: 1\n");

        var error = Assert.Throws<UserError>(() => ScenarioPolicy.Resolve(path, null, Scenario("cold-10")));

        Assert.Contains("bogus", error.Message, StringComparison.Ordinal);
    }
}
