using FastScale.Engine.Demand;
using FastScale.Engine.Policy;
using Xunit.Abstractions;
using static FastScale.Engine.Tests.Demand.DemandFixtures;

namespace FastScale.Engine.Tests.Demand;

/// <summary>
/// How long planning a large burst takes, printed for the record (dotnet test --logger "console;verbosity=detailed").
/// No timing assertion: CI machines vary; the result's shape is asserted instead.
/// </summary>
public sealed class DemandPlannerBenchmarkTests(ITestOutputHelper output)
{
    [Fact]
    public void Plan_TenThousandPodsOnFiveGroups_PrintsTheTime()
    {
        var groups = FiveGroups();
        var random = new Random(42);
        // A burst as deployments make it: a few shapes, many replicas each, plus a tail of one-off pods.
        (long Cpu, long MemoryMi)[] shapes = [(250, 256), (500, 512), (1000, 2048), (100, 128), (2000, 4096)];
        var pods = Enumerable.Range(0, 10_000).Select(i => i < 9_000
            ? Pod($"d{i % 5}-{i:D5}", shapes[i % 5].Cpu, shapes[i % 5].MemoryMi)
            : Pod($"x-{i:D5}", random.Next(1, 40) * 50, random.Next(1, 64) * 64)).ToList();

        DemandPlanner.Plan(pods.Take(500).ToList(), groups); // warm the JIT
        var (plan, elapsed) = Time(() => DemandPlanner.Plan(pods, groups));

        output.WriteLine($"10,000 pods x 5 groups (5 shapes + 1,000 one-off): {elapsed}, " +
            string.Join(", ", plan.Increases.Select(i => $"{i.GroupId} +{i.NewNodes}")) + $", {plan.Unplaced.Count} unplaced");
        Assert.Equal(10_000, plan.Nodes.Sum(n => n.Pods.Count) + plan.Unplaced.Count);
        Assert.True(plan.Increases.Sum(i => i.NewNodes) > 0);
    }

    [Fact]
    public void Plan_TenThousandDistinctPods_PrintsTheTime()
    {
        var groups = FiveGroups();
        var random = new Random(7);
        var pods = Enumerable.Range(0, 10_000).Select(i => Pod($"x-{i:D5}", random.Next(1, 80) * 25, random.Next(1, 128) * 32)).ToList();

        DemandPlanner.Plan(pods.Take(500).ToList(), groups);
        var (plan, elapsed) = Time(() => DemandPlanner.Plan(pods, groups));

        output.WriteLine($"10,000 pods x 5 groups, every pod a different shape: {elapsed}, " +
            string.Join(", ", plan.Increases.Select(i => $"{i.GroupId} +{i.NewNodes}")) + $", {plan.Unplaced.Count} unplaced");
        Assert.Equal(10_000, plan.Nodes.Sum(n => n.Pods.Count) + plan.Unplaced.Count);
    }

    /// <summary>The best of three runs, wall time and this process's CPU time: CI machines are shared, and the best run is the planner's own cost.</summary>
    private static (DemandPlan, string) Time(Func<DemandPlan> run)
    {
        DemandPlan? plan = null;
        var (wall, cpu) = (double.MaxValue, double.MaxValue);
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        for (var i = 0; i < 3; i++)
        {
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            var start = TimeProvider.System.GetTimestamp();
            plan = run();
            wall = Math.Min(wall, TimeProvider.System.GetElapsedTime(start).TotalMilliseconds);
            process.Refresh();
            cpu = Math.Min(cpu, (process.TotalProcessorTime - cpuStart).TotalMilliseconds);
        }

        return (plan!, $"{wall:0.0} ms wall ({cpu:0} ms process CPU)");
    }

    /// <summary>Five groups in preference order; the first two fill up, so the burst spills over.</summary>
    private static IReadOnlyList<DemandGroup> FiveGroups() =>
    [
        Group("small", maxSize: 300, configure: g => g.DaemonSetOverhead = new NodeResources { Cpu = "150m", Memory = "256Mi" }),
        Group("medium", maxSize: 300, configure: g => g.Resources = new NodeResources { Cpu = "4", Memory = "16Gi", Pods = "110" }),
        Group("large", maxSize: 1000, configure: g => g.Resources = new NodeResources { Cpu = "16", Memory = "64Gi", Pods = "110" }),
        Group("arm", maxSize: 1000, configure: g => g.Labels["kind"] = "arm"),
        GpuGroup(maxSize: 50),
    ];
}
