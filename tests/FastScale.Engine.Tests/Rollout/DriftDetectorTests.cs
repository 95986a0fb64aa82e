using FastScale.Engine.Cloud;
using FastScale.Engine.Policy;
using FastScale.Engine.Rollout;

namespace FastScale.Engine.Tests.Rollout;

public sealed class DriftDetectorTests
{
    [Fact]
    public void LaunchedWithTheCurrentPolicy_IsNotDrifted()
    {
        var group = Group();

        var verdict = DriftDetector.Judge(group, LaunchedFrom(group));

        Assert.False(verdict.IsDrifted);
        Assert.True(verdict.TemplateKnown);
    }

    [Fact]
    public void SecondListedTypeAndZone_AreNotDrift()
    {
        var group = Group();
        group.InstanceTypes.Add("ecs.g6.large");

        var verdict = DriftDetector.Judge(group, LaunchedFrom(group) with { InstanceType = "ecs.g6.large", ZoneId = "cn-hangzhou-i", VSwitchId = "vsw-i" });

        Assert.False(verdict.IsDrifted);
    }

    [Fact]
    public void ImageChanged_IsImageOnly_NotAlsoTemplate()
    {
        var group = Group();
        var origin = LaunchedFrom(group);
        group.ImageId = "m-new";

        Assert.Equal(DriftReasons.Image, DriftDetector.Judge(group, origin).Reasons);
    }

    [Fact]
    public void SecurityGroupChanged_IsSecurityGroupOnly()
    {
        var group = Group();
        var origin = LaunchedFrom(group);
        group.SecurityGroupId = "sg-new";

        Assert.Equal(DriftReasons.SecurityGroup, DriftDetector.Judge(group, origin).Reasons);
    }

    [Fact]
    public void InTheGroupsSecurityGroupAndAnother_IsNotDrifted()
    {
        var group = Group();

        var verdict = DriftDetector.Judge(group, LaunchedFrom(group) with { SecurityGroupIds = ["sg-other", "sg-test"] });

        Assert.False(verdict.IsDrifted);
    }

    [Theory]
    [InlineData("label")]
    [InlineData("labelValue")]
    [InlineData("taint")]
    [InlineData("taintEffect")]
    public void LabelsOrTaintsChanged_IsTemplate(string change)
    {
        var group = Group();
        var origin = LaunchedFrom(group);
        switch (change)
        {
            case "label":
                group.Labels["new"] = "1";
                break;
            case "labelValue":
                group.Labels["workload.fastscale.io/class"] = "batch";
                break;
            case "taint":
                group.Taints.Clear();
                break;
            default:
                group.Taints[0].Effect = "NoExecute";
                break;
        }

        Assert.Equal(DriftReasons.Template, DriftDetector.Judge(group, origin).Reasons);
    }

    [Fact]
    public void TypeNoLongerListed_IsInstanceTypeUnlisted()
    {
        var group = Group();
        var origin = LaunchedFrom(group);
        group.InstanceTypes = ["ecs.g8i.large"];

        Assert.Equal(DriftReasons.InstanceTypeUnlisted, DriftDetector.Judge(group, origin).Reasons);
    }

    [Fact]
    public void ZoneNoLongerListed_IsZoneUnlisted()
    {
        var group = Group();
        var origin = LaunchedFrom(group);
        group.Zones.RemoveAt(0);

        Assert.Equal(DriftReasons.ZoneUnlisted, DriftDetector.Judge(group, origin).Reasons);
    }

    [Fact]
    public void ZoneListedWithAnotherVSwitch_IsZoneUnlisted()
    {
        var group = Group();
        var origin = LaunchedFrom(group);
        group.Zones[0].VSwitchId = "vsw-h2";

        Assert.Equal(DriftReasons.ZoneUnlisted, DriftDetector.Judge(group, origin).Reasons);
    }

    [Fact]
    public void SeveralChanges_AreAllReported()
    {
        var group = Group();
        var origin = LaunchedFrom(group);
        group.ImageId = "m-new";
        group.Labels["new"] = "1";
        group.InstanceTypes = ["ecs.g8i.large"];

        Assert.Equal(DriftReasons.Image | DriftReasons.Template | DriftReasons.InstanceTypeUnlisted, DriftDetector.Judge(group, origin).Reasons);
    }

    [Fact]
    public void WithoutHashTag_LabelChangesAreUnknown_ButFactsStillCount()
    {
        var group = Group();
        var untagged = LaunchedFrom(group) with { TemplateHash = null };
        group.Labels["new"] = "1";

        var labelsOnly = DriftDetector.Judge(group, untagged);
        Assert.False(labelsOnly.IsDrifted);
        Assert.False(labelsOnly.TemplateKnown);

        group.ImageId = "m-new";
        Assert.Equal(DriftReasons.Image, DriftDetector.Judge(group, untagged).Reasons);
    }

    [Fact]
    public void ImageUnknownButHashDiffers_IsTemplate()
    {
        var group = Group();
        var origin = LaunchedFrom(group) with { ImageId = null };
        group.ImageId = "m-new";

        Assert.Equal(DriftReasons.Template, DriftDetector.Judge(group, origin).Reasons);
    }

    [Fact]
    public void NoOrigin_IsUnknownAndNotDrifted()
    {
        Assert.Same(DriftVerdict.Unknown, DriftDetector.Judge(Group(), null));
        Assert.False(DriftVerdict.Unknown.IsDrifted);
    }

    private static NodeGroupPolicy Group()
    {
        var group = TestPolicies.Group("g1");
        group.Labels["workload.fastscale.io/class"] = "general";
        group.Taints.Add(new TaintPolicy { Key = "dedicated", Value = "batch", Effect = "NoSchedule" });
        return group;
    }

    /// <summary>What the launcher records for an instance of the first offering under the group's policy now.</summary>
    private static InstanceOrigin LaunchedFrom(NodeGroupPolicy group) =>
        new(NodeTemplateHash.Of(group), group.ImageId, group.InstanceTypes[0], group.Zones[0].ZoneId, group.Zones[0].VSwitchId, [group.SecurityGroupId]);
}
