using FastScale.Engine.Cloud;
using FastScale.Engine.Policy;

namespace FastScale.Engine.Tests.Policy;

/// <summary>deploy/policy.yaml is the documented example and the embedded default: it must load clean and fit the embedded burst.</summary>
public sealed class ExamplePolicyTests
{
    private static readonly string ExamplePath = Path.Combine(RepoRoot(), "deploy", "policy.yaml");

    [Fact]
    public void ExamplePolicy_LoadsWithoutProblems()
    {
        var result = PolicyLoader.LoadFile(ExamplePath);

        PolicyYaml.AssertValid(result);
    }

    [Fact]
    public void ExamplePolicy_HasAGroupForAThousandNodeBurst()
    {
        var policy = PolicyLoader.LoadFile(ExamplePath).Policy!;

        var general = policy.NodeGroups[0];
        Assert.Equal("general", general.Id);
        Assert.True(general.MaxSize >= 1000);
        Assert.Equal("prebaked", general.ImageKind);
        Assert.True(general.InstanceTypes.Count >= 2);
        Assert.True(general.Zones.Count >= 2);
        Assert.Empty(general.Taints);
        Assert.Contains(policy.NodeGroups.Skip(1), g => g.Taints.Count > 0);
    }

    [Fact]
    public void ExamplePolicy_PacesEveryAction()
    {
        var policy = PolicyLoader.LoadFile(ExamplePath).Policy!;

        Assert.All(CloudActions.All, action => Assert.True(policy.Pacing.ContainsKey(action), action.Name()));
    }

    [Fact]
    public void ExamplePolicy_WritesOutTheRolloutDefaults_AndItsWindowExampleLoads()
    {
        var text = File.ReadAllText(ExamplePath);
        var policy = PolicyLoader.LoadText(text, ExamplePath).Policy!;

        var rollout = policy.NodeGroups[0].Rollout;
        Assert.Equal((IntOrPercent.Percent(10), IntOrPercent.Count(0)), (rollout.MaxSurge, rollout.MaxUnavailable));
        Assert.Equal((TimeSpan.FromMinutes(10), DrainTimeoutAction.Wait, false), (rollout.DrainTimeout, rollout.OnDrainTimeout, rollout.Paused));
        Assert.Null(rollout.Window);

        // The commented window example is valid as written.
        var uncommented = text.Replace("      # window: {", "      window: {", StringComparison.Ordinal);
        var window = PolicyLoader.LoadText(uncommented, ExamplePath).Policy!.NodeGroups[0].Rollout.Window;
        Assert.NotNull(window);
        Assert.Equal(TimeSpan.FromHours(8), window.TimeZone.BaseUtcOffset);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FastScale.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"FastScale.sln not found above {AppContext.BaseDirectory}");
    }
}
