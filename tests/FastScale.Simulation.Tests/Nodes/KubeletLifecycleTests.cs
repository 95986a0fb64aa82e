using FastScale.Simulation.Ecs.Instances;
using FastScale.Simulation.LatencyModel;
using FastScale.Simulation.Nodes;

namespace FastScale.Simulation.Tests.Nodes;

/// <summary>
/// The one lifecycle both the kubelet simulator and a plan's kubelets follow: which phase an instance status leads to,
/// and when the next step is due.
/// </summary>
public sealed class KubeletLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 10, 0, TimeSpan.Zero);
    private readonly LatencyProfile _profile = LatencyProfileLoader.LoadEmbedded("fast").GetOrThrow();

    [Fact]
    public void First_running_counts_boot_and_registration_from_when_the_emulator_had_it_running()
    {
        var lifecycle = new KubeletLifecycle(_profile, new FaultPlan(FaultShares.None));
        var launch = Launch(runningAt: Now.AddSeconds(-4));

        var move = lifecycle.OnCloudStatus(View("i-1", SimulatedNodePhase.Provisioning), "Running", launch, Now);

        Assert.Equal(new KubeletMove(SimulatedNodePhase.Booting, Now.AddSeconds(-4 + 10 + 3), TimeSpan.FromSeconds(2)), move);
    }

    [Fact]
    public void A_launch_not_yet_running_in_the_model_is_drawn_from_the_profile_counted_from_now()
    {
        var lifecycle = new KubeletLifecycle(_profile, new FaultPlan(FaultShares.None));

        var move = lifecycle.OnCloudStatus(View("i-1", SimulatedNodePhase.Provisioning), "Running", Launch(runningAt: Now.AddSeconds(5)), Now)!.Value;

        var drawn = lifecycle.Draw(View("i-1", SimulatedNodePhase.Provisioning));
        Assert.Equal(SimulatedNodePhase.Booting, move.Phase);
        Assert.Equal(Now + drawn.Boot + drawn.Registration, move.DueAt);
        Assert.Equal(drawn.Readiness, move.ReadinessDelay);
    }

    [Fact]
    public void A_restart_with_its_node_still_there_only_reports_ready_and_one_without_registers_again()
    {
        var lifecycle = new KubeletLifecycle(_profile, new FaultPlan(FaultShares.None));
        var launch = Launch(runningAt: Now);

        var kept = lifecycle.OnCloudStatus(View("i-1", SimulatedNodePhase.Stopped, nodeExists: true), "Running", launch, Now);
        var gone = lifecycle.OnCloudStatus(View("i-1", SimulatedNodePhase.Stopped, nodeExists: false), "Running", launch, Now);

        Assert.Equal(new KubeletMove(SimulatedNodePhase.Restarting, Now.AddSeconds(10 + 2), TimeSpan.FromSeconds(2)), kept);
        Assert.Equal(new KubeletMove(SimulatedNodePhase.Booting, Now.AddSeconds(10 + 3), TimeSpan.FromSeconds(2)), gone);
    }

    [Theory]
    [InlineData(SimulatedNodePhase.Provisioning, "Stopping")]
    [InlineData(SimulatedNodePhase.Booting, "Stopped")]
    [InlineData(SimulatedNodePhase.Ready, "Stopped")]
    [InlineData(SimulatedNodePhase.Restarting, "Stopping")]
    public void Stopping_takes_a_kubelet_down_whatever_it_was_doing(SimulatedNodePhase phase, string status)
    {
        var lifecycle = new KubeletLifecycle(_profile, new FaultPlan(FaultShares.None));

        var move = lifecycle.OnCloudStatus(View("i-1", phase), status, null, Now);

        Assert.Equal(new KubeletMove(SimulatedNodePhase.Stopped, null, TimeSpan.Zero), move);
    }

    [Theory]
    [InlineData(SimulatedNodePhase.Booting, "Running")]
    [InlineData(SimulatedNodePhase.Ready, "Running")]
    [InlineData(SimulatedNodePhase.Stopped, "Stopped")]
    [InlineData(SimulatedNodePhase.NeverRegisters, "Stopped")]
    [InlineData(SimulatedNodePhase.Provisioning, "Pending")]
    public void A_status_that_changes_nothing_for_the_phase_moves_nothing(SimulatedNodePhase phase, string status)
    {
        var lifecycle = new KubeletLifecycle(_profile, new FaultPlan(FaultShares.None));

        Assert.Null(lifecycle.OnCloudStatus(View("i-1", phase), status, Launch(Now), Now));
    }

    [Fact]
    public void The_fault_plan_decides_which_kubelets_never_register_and_the_same_ones_every_time()
    {
        var faults = new FaultPlan(new FaultShares { NeverRegisters = 0.5 });
        var lifecycle = new KubeletLifecycle(_profile, faults);

        var never = Enumerable.Range(0, 200).Select(i => $"i-{i}")
            .Where(id => lifecycle.OnCloudStatus(View(id, SimulatedNodePhase.Provisioning), "Running", Launch(Now), Now)?.Phase == SimulatedNodePhase.NeverRegisters)
            .ToList();

        Assert.InRange(never.Count, 60, 140);
        Assert.All(never, id => Assert.True(faults.NeverRegisters(id)));
    }

    [Theory]
    [InlineData(SimulatedNodePhase.Booting, SimulatedNodePhase.Registered)]
    [InlineData(SimulatedNodePhase.Registered, SimulatedNodePhase.Ready)]
    [InlineData(SimulatedNodePhase.Restarting, SimulatedNodePhase.Ready)]
    public void A_due_step_registers_a_booting_kubelet_and_readies_a_registered_one(SimulatedNodePhase from, SimulatedNodePhase to) =>
        Assert.Equal(to, KubeletLifecycle.AfterStep(from));

    [Theory]
    [InlineData(SimulatedNodePhase.Provisioning)]
    [InlineData(SimulatedNodePhase.Ready)]
    [InlineData(SimulatedNodePhase.Stopped)]
    [InlineData(SimulatedNodePhase.NeverRegisters)]
    public void Phases_without_a_timed_step_lead_nowhere(SimulatedNodePhase phase) => Assert.Null(KubeletLifecycle.AfterStep(phase));

    private static KubeletView View(string id, SimulatedNodePhase phase, bool nodeExists = false) =>
        new(id, phase, nodeExists, "containeros", "img-1", LifecycleSampler.RandomFor(1, id));

    private static InstanceLatency Launch(DateTimeOffset runningAt) =>
        new(LaunchKind.Create, "containeros", runningAt.AddSeconds(-5), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4),
            TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2));
}
