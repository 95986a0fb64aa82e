using FastScale.Simulation.LatencyModel;

namespace FastScale.Simulation.Tests.Ecs.FlowControl;

public sealed class FlowControlTests
{
    [Fact]
    public void Calls_OverThePerSecondLimit_ThrottledUntilTheNextMinute()
    {
        var harness = new EmulatorHarness(o => o.QpsLimits["DescribeInstances"] = 3);
        var statuses = Enumerable.Range(0, 4).Select(_ => harness.Call("DescribeInstances").Status).ToList();

        harness.Time.Advance(TimeSpan.FromSeconds(29)); // 00:00:59: still the same minute
        var (lateStatus, lateBody) = harness.Call("DescribeInstances");
        harness.Time.Advance(TimeSpan.FromSeconds(1)); // 00:01:00
        var nextMinute = harness.Call("DescribeInstances").Status;

        Assert.Equal([200, 200, 200, 400], statuses);
        Assert.Equal((400, "Throttling.User"), (lateStatus, (string?)lateBody["Code"]));
        Assert.Equal(200, nextMinute);
        Assert.Equal(2, harness.Emulator.Counters.Throttled);
        Assert.Equal(2, harness.Emulator.Counters.ThrottledByAction["DescribeInstances"]);
        Assert.Equal(6, harness.Emulator.Counters.Calls("DescribeInstances"));
    }

    [Fact]
    public void Calls_CarryingTheUnmeteredHeader_AreNeverThrottled_AndSpendNothingOfTheLimit()
    {
        var harness = new EmulatorHarness(o =>
        {
            o.QpsLimits["DescribeInstances"] = 2;
            o.UnmeteredTrafficHeader = "x-fastscale-simulation";
        });

        var simulation = Enumerable.Range(0, 10).Select(_ =>
        {
            var request = harness.SignedV3("DescribeInstances", []);
            var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase) { ["x-fastscale-simulation"] = "kubelet" };
            return harness.Send(request with { Headers = headers }).Status;
        }).ToList();
        var metered = Enumerable.Range(0, 3).Select(_ => harness.Call("DescribeInstances").Status).ToList();

        Assert.All(simulation, status => Assert.Equal(200, status));
        Assert.Equal([200, 200, 400], metered);
    }

    [Fact]
    public void Calls_UnderTheLimitEverySecond_NeverThrottled()
    {
        var harness = new EmulatorHarness(o => o.QpsLimits["DescribeInstances"] = 2);

        for (var second = 0; second < 20; second++)
        {
            Assert.Equal(200, harness.Call("DescribeInstances").Status);
            Assert.Equal(200, harness.Call("DescribeInstances").Status);
            harness.Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(0, harness.Emulator.Counters.Throttled);
    }

    [Fact]
    public void Throttle_OfOneAction_LeavesOthersAlone()
    {
        var harness = new EmulatorHarness(o => o.QpsLimits["RunInstances"] = 1);
        harness.Run(1);
        harness.Call("RunInstances", [("ImageId", "img"), ("InstanceType", "ecs.g7.large")]);

        Assert.Equal(200, harness.Call("DescribeInstances").Status);
    }

    [Fact]
    public void RunInstances_BeyondCreationCapPerMinute_ThrottledThenMinAmountTakesTheRest()
    {
        var harness = new EmulatorHarness(o =>
        {
            o.QpsLimits.Clear();
            o.InstancesPerMinute = 250;
        });
        harness.Run(100);
        harness.Run(100);

        var (status, body) = harness.Call("RunInstances", [("ImageId", "img"), ("InstanceType", "ecs.g7.large"), ("Amount", "100")]);
        var partial = harness.Run(100, ("MinAmount", "10"));
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        var nextMinute = harness.Run(100);

        Assert.Equal((400, "Throttling.User"), (status, (string?)body["Code"]));
        Assert.Equal(50, partial.Count);
        Assert.Equal(100, nextMinute.Count);
        Assert.Equal(350, harness.Emulator.Counters.InstancesCreated);
    }

    [Fact]
    public void RunInstances_DefaultCap_FiveThousandAMinute()
    {
        var harness = new EmulatorHarness(o => o.QpsLimits.Clear());
        for (var call = 0; call < 50; call++)
        {
            harness.Run(100);
        }

        Assert.Equal(400, harness.Call("RunInstances", [("ImageId", "img"), ("InstanceType", "ecs.g7.large")]).Status);
        Assert.Equal(5000, harness.Emulator.Counters.InstancesCreated);
    }

    [Fact]
    public void RunInstances_PartialStock_MinAmountTakesWhatIsLeftOtherwiseNoStock()
    {
        var harness = new EmulatorHarness(profile: TestProfiles.Fixed(new FaultShares
        {
            StockOuts = [new StockOut("ecs.g7.large", "cn-hangzhou-h", 30)],
        }));

        var (status, body) = harness.Call("RunInstances", [("ImageId", "img"), ("InstanceType", "ecs.g7.large"), ("Amount", "50")]);
        var partial = harness.Run(50, ("MinAmount", "20"));
        var otherType = harness.Run(5, ("InstanceType", "ecs.c7.large"));

        Assert.Equal((403, "OperationDenied.NoStock"), (status, (string?)body["Code"]));
        Assert.Equal(30, partial.Count);
        Assert.Equal(5, otherType.Count);
        Assert.Equal(0, harness.Emulator.Faults.StockOf("ecs.g7.large", "cn-hangzhou-h"));
    }

    [Fact]
    public void Calls_TransientShareOne_ServiceUnavailableCounted()
    {
        var harness = new EmulatorHarness(profile: TestProfiles.Fixed(new FaultShares { TransientErrors = 1 }));

        var (status, body) = harness.Call("DescribeInstances");

        Assert.Equal((503, "ServiceUnavailable"), (status, (string?)body["Code"]));
        Assert.Equal(1, harness.Emulator.Counters.TransientErrors);
    }

    [Fact]
    public void Calls_TransientShare_SameSeedFailsTheSameCalls()
    {
        static List<int> Statuses()
        {
            var harness = new EmulatorHarness(profile: TestProfiles.Fixed(new FaultShares { Seed = 4, TransientErrors = 0.3 }), configure: o => o.QpsLimits.Clear());
            return [.. Enumerable.Range(0, 200).Select(_ => harness.Call("DescribeInstances").Status)];
        }

        var first = Statuses();

        Assert.Equal(first, Statuses());
        Assert.InRange(first.Count(s => s == 503), 35, 85);
    }
}
