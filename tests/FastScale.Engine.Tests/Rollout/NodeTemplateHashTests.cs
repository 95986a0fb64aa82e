using FastScale.Engine.Policy;
using FastScale.Engine.Rollout;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FastScale.Engine.Tests.Rollout;

/// <summary>The template hash ignores the order labels and taints are written in, and sees any change of what it covers.</summary>
public sealed class NodeTemplateHashTests
{
    /// <summary>A template: image, security group, labels (distinct keys) and taints (distinct key and effect).</summary>
    public sealed record Template(string Image, string SecurityGroup, (string Key, string Value)[] Labels, (string Key, string Value, string Effect)[] Taints);

    private static readonly Gen<string> Word = Gen.Elements("a", "b", "c", "app", "tier", "x/y", "example.com/role", "", "1", "a=b", "v 1");
    private static readonly Gen<string> Effect = Gen.Elements("NoSchedule", "PreferNoSchedule", "NoExecute");

    public static Arbitrary<Template> Templates() =>
        (from image in Gen.Elements("m-1", "m-2", "m-bp1g7004ksh0oeuc4z6c")
         from sg in Gen.Elements("sg-1", "sg-2")
         from labels in Word.Zip(Word).ArrayOf()
         from taints in Word.Zip(Word).Zip(Effect).ArrayOf()
         select new Template(
             image, sg,
             [.. labels.DistinctBy(l => l.Item1)],
             [.. taints.Select(t => (t.Item1.Item1, t.Item1.Item2, t.Item2)).DistinctBy(t => (t.Item1, t.Item3))]))
        .ToArbitrary();

    [Property(Arbitrary = [typeof(NodeTemplateHashTests)], MaxTest = 300)]
    public bool LabelAndTaintOrder_NeverChangesTheHash(Template template, int seed)
    {
        var random = new Random(seed);
        var shuffled = template with
        {
            Labels = [.. template.Labels.OrderBy(_ => random.Next())],
            Taints = [.. template.Taints.OrderBy(_ => random.Next())],
        };

        return Hash(template) == Hash(shuffled);
    }

    [Property(Arbitrary = [typeof(NodeTemplateHashTests)], MaxTest = 300)]
    public bool AnySingleFieldChange_ChangesTheHash(Template template, int which)
    {
        var changed = (Math.Abs(which % 8)) switch
        {
            0 => template with { Image = template.Image + "-new" },
            1 => template with { SecurityGroup = template.SecurityGroup + "-new" },
            2 => template with { Labels = [.. template.Labels, ("added.example.com/new", "1")] },
            3 when template.Labels.Length > 0 => template with { Labels = [.. template.Labels.Skip(1)] },
            4 when template.Labels.Length > 0 => template with { Labels = [(template.Labels[0].Key, template.Labels[0].Value + "!"), .. template.Labels.Skip(1)] },
            5 => template with { Taints = [.. template.Taints, ("added.example.com/new", "", "NoSchedule")] },
            6 when template.Taints.Length > 0 => template with { Taints = [.. template.Taints.Skip(1)] },
            7 when template.Taints.Length > 0 => template with
            {
                Taints = [(template.Taints[0].Key, template.Taints[0].Value, Other(template.Taints[0].Effect)), .. template.Taints.Skip(1)],
            },
            _ => template with { Image = template.Image + "-other" },
        };

        return Hash(template) != Hash(changed);
    }

    [Fact]
    public void Hash_IsSixteenLowerCaseHexCharacters_AndStableAcrossRuns()
    {
        var group = TestPolicies.Group("g1");
        group.Labels["workload.fastscale.io/class"] = "general";
        group.Taints.Add(new TaintPolicy { Key = "dedicated", Value = "batch", Effect = "NoSchedule" });

        var hash = NodeTemplateHash.Of(group);

        Assert.Matches("^[0-9a-f]{16}$", hash);
        // Pinned (checked against Python's hashlib over the same encoding): a change here re-hashes every group and marks every node in every cluster drifted.
        Assert.Equal("0ec257691d43e92d", hash);
    }

    [Fact]
    public void TypesZonesSizesAndResources_AreNotInTheHash()
    {
        var group = TestPolicies.Group("g1");
        var before = NodeTemplateHash.Of(group);

        group.InstanceTypes.Add("ecs.g6.large");
        group.Zones.RemoveAt(1);
        group.MaxSize = 5;
        group.Resources.Cpu = "4";
        group.WarmPool.Size = 2;
        group.Rollout.Paused = true;
        group.ImageKind = "general";

        Assert.Equal(before, NodeTemplateHash.Of(group));
    }

    [Fact]
    public void ValueRunningIntoTheNextField_DoesNotCollide()
    {
        var one = NodeTemplateHash.Compute("m-1", "sg-1", new Dictionary<string, string> { ["a"] = "b c" }, []);
        var two = NodeTemplateHash.Compute("m-1", "sg-1", new Dictionary<string, string> { ["a b"] = "c" }, []);

        Assert.NotEqual(one, two);
    }

    private static string Other(string effect) => effect == "NoSchedule" ? "NoExecute" : "NoSchedule";

    private static string Hash(Template t) =>
        NodeTemplateHash.Compute(
            t.Image,
            t.SecurityGroup,
            t.Labels.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal),
            [.. t.Taints.Select(x => new TaintPolicy { Key = x.Key, Value = x.Value, Effect = x.Effect })]);
}
