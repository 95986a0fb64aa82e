using FastScale.Burst.Rollout;
using FastScale.Engine.Policy;
using FastScale.Serve;

namespace FastScale.Tests.Burst.Rollout;

public sealed class RolloutPolicyFileTests
{
    [Fact]
    public async Task Create_ThenChangeImage_WritesAValidPolicyWithTheRolloutSection_AndOnlyTheImageChanges()
    {
        using var file = RolloutPolicyFile.Create(EmbeddedPolicy.Text(), "general", maxSize: 1200, TimeSpan.FromSeconds(64));
        var group = file.Policy.NodeGroups.Single(g => g.Id == "general");

        Assert.Equal(IntOrPercent.Percent(10), group.Rollout.MaxSurge);
        Assert.Equal(IntOrPercent.Count(0), group.Rollout.MaxUnavailable);
        Assert.Equal(RolloutSpec.DrainTimeout, group.Rollout.DrainTimeout);
        Assert.Equal(TimeSpan.FromSeconds(64), group.Repair.RegistrationTimeout);
        Assert.Equal(1200, group.MaxSize);
        Assert.Equal("m-bp1g7004ksh0oeuc4z6c", file.OldImageId);

        await file.ChangeImageAsync("m-bp1g7004ksh0oeuc4z6c-next", CancellationToken.None);

        var reloaded = PolicyLoader.LoadFile(file.Path);
        Assert.True(reloaded.IsValid, string.Join("; ", reloaded.Problems));
        var changed = reloaded.Policy!.NodeGroups.Single(g => g.Id == "general");
        Assert.Equal("m-bp1g7004ksh0oeuc4z6c-next", changed.ImageId);
        Assert.Equal((group.MaxSize, group.Rollout.DrainTimeout), (changed.MaxSize, changed.Rollout.DrainTimeout));
    }
}
