using FastScale.Engine.NodeGroups;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FastScale.Engine.Tests.NodeGroups;

/// <summary>Random sequences of autoscaler calls and reconcile passes keep the group's accounting sound.</summary>
public sealed class NodeGroupPropertyTests
{
    private const int MaxSize = 40;

    public enum Op { Increase, Decrease, DeleteOne, DeleteForeign, Reconcile }

    public static Arbitrary<(Op, int)[]> Operations() =>
        Gen.Elements(Op.Increase, Op.Decrease, Op.DeleteOne, Op.DeleteForeign, Op.Reconcile)
            .Zip(Gen.Choose(-5, 30))
            .ArrayOf()
            .ToArbitrary();

    [Property(Arbitrary = [typeof(NodeGroupPropertyTests)], MaxTest = 200)]
    public bool AnySequence_KeepsTargetWithinLimits_AndTheCloudEqualToTheTargetAfterAPass((Op Op, int N)[] operations)
    {
        var h = EngineHarness.RecoveredAsync(TestPolicies.OneGroup(maxSize: MaxSize)).GetAwaiter().GetResult();
        foreach (var (op, n) in operations)
        {
            var before = h.Engine.TargetSize("g1").Value;
            switch (op)
            {
                case Op.Increase:
                    var increase = h.Engine.IncreaseSize("g1", n);
                    if ((increase is null) != (n > 0 && before + n <= MaxSize))
                    {
                        return false;
                    }

                    break;
                case Op.Decrease:
                    h.Engine.DecreaseTargetSize("g1", -Math.Abs(n) - 1);
                    break;
                case Op.DeleteOne:
                    var victim = h.Instances().FirstOrDefault(i => i.State != InstanceState.Deleting);
                    if (victim is not null && h.Engine.DeleteNodes("g1", [new NodeRef(victim.Id, "n")]) is not null)
                    {
                        return false;
                    }

                    break;
                case Op.DeleteForeign:
                    if (h.Engine.DeleteNodes("g1", [new NodeRef("cn-hangzhou.i-foreign", "x")]) is null || h.Engine.TargetSize("g1").Value != before)
                    {
                        return false;
                    }

                    break;
                case Op.Reconcile:
                    h.ReconcileAsync().GetAwaiter().GetResult();
                    break;
            }

            var target = h.Engine.TargetSize("g1").Value;
            var live = h.Instances().Count(i => i.State != InstanceState.Deleting);
            if (target < 0 || target > MaxSize || live > target)
            {
                return false;
            }
        }

        h.ReconcileAsync().GetAwaiter().GetResult();
        return h.Cloud.InstanceCount == h.Engine.TargetSize("g1").Value
            && h.Instances().Count == h.Cloud.InstanceCount;
    }
}
