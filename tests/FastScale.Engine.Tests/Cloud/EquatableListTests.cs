using FastScale.Engine.Cloud;

namespace FastScale.Engine.Tests.Cloud;

public sealed class EquatableListTests
{
    [Fact]
    public void RecordsHoldingEqualLists_AreEqual()
    {
        var a = new InstanceOrigin("h", "m", "t", "z", "v", ["sg-1", "sg-2"]);
        var b = new InstanceOrigin("h", "m", "t", "z", "v", new List<string> { "sg-1", "sg-2" });

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { SecurityGroupIds = ["sg-2", "sg-1"] });
        Assert.Equal(a, b with { SecurityGroupIds = ["sg-1", "sg-2"] });
    }

    [Fact]
    public void Null_IsEmpty()
    {
        Assert.Same(EquatableList<string>.Empty, EquatableList<string>.Of(null));
        Assert.Equal("[]", EquatableList<string>.Of([]).ToString());
    }
}
