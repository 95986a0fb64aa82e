namespace FastScale.Simulation.Tests.Ecs.Actions;

/// <summary>
/// The emulator's ClientToken memory against ECS's "How to ensure idempotence": same token and parameters, the first
/// answer; other parameters, IdempotentParameterMismatch; server errors and throttles retried with the same token; other
/// refusals kept under the token (ECS advises a new token after them).
/// </summary>
public sealed class IdempotencyTests
{
    private const string Type = "ecs.g7.large";
    private const string Zone = "cn-hangzhou-h";

    [Fact]
    public void RunInstances_SameTokenSameParameters_SameIdsNothingNewCreated()
    {
        var harness = new EmulatorHarness();

        var first = harness.Run(3, ("ClientToken", "tok-1"));
        var second = harness.Run(3, ("ClientToken", "tok-1"));

        Assert.Equal(first, second);
        Assert.Equal(3, harness.Emulator.Counters.InstancesCreated);
        Assert.Equal(3, harness.Emulator.Instances().Count);
    }

    [Fact]
    public void RunInstances_SameTokenOtherParameters_IdempotentParameterMismatch()
    {
        var harness = new EmulatorHarness();
        harness.Run(3, ("ClientToken", "tok-1"));

        var (status, body) = harness.Call("RunInstances", [("ImageId", "containeros-img"), ("InstanceType", "ecs.g7.large"), ("Amount", "4"), ("ClientToken", "tok-1")]);

        Assert.Equal((400, "IdempotentParameterMismatch"), (status, (string?)body["Code"]));
        Assert.Equal(3, harness.Emulator.Counters.InstancesCreated);
    }

    [Fact]
    public void RunInstances_FirstTryFailed_RetryWithSameTokenCreates()
    {
        var harness = new EmulatorHarness();
        harness.Emulator.Faults.FailNext("RunInstances", "ServiceUnavailable", 503);
        var (status, _) = harness.Call("RunInstances", [("ImageId", "containeros-img"), ("InstanceType", "ecs.g7.large"), ("ClientToken", "tok-2")]);

        var retried = harness.Run(1, ("ClientToken", "tok-2"));

        Assert.Equal(503, status);
        Assert.Single(retried);
        Assert.Equal(1, harness.Emulator.Counters.InstancesCreated);
    }

    [Fact]
    public void RunInstances_NoStock_SameTokenAfterStockReturns_GetsTheSameRefusal_ANewTokenCreates()
    {
        var harness = new EmulatorHarness();
        harness.Emulator.Faults.SetStock(Type, Zone, 0);
        var refused = Run(harness, 2, "tok-stock");
        harness.Emulator.Faults.SetStock(Type, Zone, 10);

        var again = Run(harness, 2, "tok-stock");
        var fresh = harness.Run(2, ("ClientToken", "tok-stock-2"));

        Assert.Equal((403, "OperationDenied.NoStock"), (refused.Status, (string?)refused.Body["Code"]));
        Assert.Equal((403, "OperationDenied.NoStock"), (again.Status, (string?)again.Body["Code"]));
        Assert.Equal(2, fresh.Count);
        Assert.Equal(2, harness.Emulator.Counters.InstancesCreated);
    }

    [Fact]
    public void RunInstances_OfferingRefused_SameTokenOtherParameters_IdempotentParameterMismatch()
    {
        var harness = new EmulatorHarness();
        harness.Emulator.Faults.SetOfferingError(Type, Zone, "Zone.NotOnSale");
        Run(harness, 2, "tok-zone");
        harness.Emulator.Faults.ClearOfferingError(Type, Zone);

        var other = Run(harness, 3, "tok-zone");

        Assert.Equal((400, "IdempotentParameterMismatch"), (other.Status, (string?)other.Body["Code"]));
        Assert.Equal(0, harness.Emulator.Counters.InstancesCreated);
    }

    [Fact]
    public void RunInstances_RefusedByTheCreationCap_IsAThrottle_SoTheSameTokenCreatesInTheNextMinute()
    {
        var harness = new EmulatorHarness(o => o.InstancesPerMinute = 3);
        harness.Run(3, ("ClientToken", "tok-a"));
        var capped = Run(harness, 2, "tok-b");
        harness.Time.Advance(TimeSpan.FromMinutes(1));

        var retried = harness.Run(2, ("ClientToken", "tok-b"));

        Assert.Equal((400, "Throttling.User"), (capped.Status, (string?)capped.Body["Code"]));
        Assert.Equal(2, retried.Count);
        Assert.Equal(5, harness.Emulator.Counters.InstancesCreated);
    }

    [Fact]
    public void RunInstances_SucceededThenInstancesReleased_SameTokenStillAnswersTheFirstIds_NothingCreated()
    {
        // ECS documents no expiry: a token used again after its instances are gone still gets the first answer. This is
        // the trap a restarted provider that repeated a batch number would fall into.
        var harness = new EmulatorHarness();
        var first = harness.Run(2, ("ClientToken", "tok-old"));
        var (deleted, _) = harness.Call("DeleteInstances", [("Force", "true"), .. EmulatorHarness.Indexed(first)]);
        harness.Time.Advance(TimeSpan.FromDays(2));

        var again = harness.Run(2, ("ClientToken", "tok-old"));

        Assert.Equal(200, deleted);
        Assert.Equal(first, again);
        Assert.Empty(harness.Emulator.Instances());
        Assert.Equal(2, harness.Emulator.Counters.InstancesCreated);
    }

    private static (int Status, System.Text.Json.Nodes.JsonObject Body) Run(EmulatorHarness harness, int amount, string token) =>
        harness.Call("RunInstances", [("ImageId", "containeros-img"), ("InstanceType", Type), ("Amount", amount.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("ClientToken", token)]);
}
