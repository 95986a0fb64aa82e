using System.Text.RegularExpressions;
using Grpc.Core;

using FastScale.Grpc.Protos;
using CloudProviderClient = FastScale.Grpc.Protos.CloudProvider.CloudProviderClient;

namespace FastScale.Grpc.Tests.Interop.GrpcNet;

/// <summary>
/// The RPCs that change or read a group's size and members, through their success and refusal paths, ending with
/// 'general' at its maximum of 1000 running instances. Same order and expectations as client.mjs.
/// </summary>
internal sealed class ScalingChecks(CheckRunner checks, ProviderCalls calls)
{
    private CloudProviderClient Client => calls.Client;

    /// <summary>Returns the 1000 running instances of 'general' the run ends with.</summary>
    public async Task<IReadOnlyList<Instance>> RunAsync(string region)
    {
        var stranger = ProviderCalls.Node($"{region}.i-notours0000000", "stranger");
        await checks.RunAsync("NodeGroupTargetSize.fresh-server-is-zero", async () => Assert.Equal(0, await calls.TargetSizeAsync("general")));
        await checks.RunAsync("NodeGroupTargetSize.unknown-group-NOT_FOUND", () => Expect(
            Client.NodeGroupTargetSizeAsync(new NodeGroupTargetSizeRequest { Id = "no-such-group" }, calls.Options()), StatusCode.NotFound));
        await checks.RunAsync("NodeGroupIncreaseSize.delta-0-INVALID_ARGUMENT", () => Expect(Increase("general", 0), StatusCode.InvalidArgument));
        await checks.RunAsync("NodeGroupIncreaseSize.negative-delta-INVALID_ARGUMENT", () => Expect(Increase("general", -2), StatusCode.InvalidArgument));
        await checks.RunAsync("NodeGroupIncreaseSize.unknown-group-NOT_FOUND", () => Expect(Increase("no-such-group", 1), StatusCode.NotFound));
        await checks.RunAsync("NodeGroupIncreaseSize.beyond-max-FAILED_PRECONDITION-target-unchanged", async () =>
        {
            await Expect(Increase("general", 1001), StatusCode.FailedPrecondition);
            Assert.Equal(0, await calls.TargetSizeAsync("general"));
        });
        await checks.RunAsync("NodeGroupIncreaseSize.delta-1", async () =>
        {
            await Increase("general", 1);
            Assert.Equal(1, await calls.TargetSizeAsync("general"));
        });

        var instance = await checks.RunAsync("NodeGroupNodes.launched-instance-running", () => LaunchedInstanceAsync(region));
        await checks.RunAsync("NodeGroupNodes.unknown-group-NOT_FOUND", () => Expect(
            Client.NodeGroupNodesAsync(new NodeGroupNodesRequest { Id = "no-such-group" }, calls.Options()), StatusCode.NotFound));
        await new NodeForNodeChecks(checks, calls).RunAsync(region, instance);
        await new PricingChecks(checks, calls).RunAsync(region, instance);

        await checks.RunAsync("NodeGroupDeleteNodes.node-of-another-group-refused-nothing-deleted", async () =>
        {
            await ProviderCalls.ExpectErrorAsync(Delete("gpu", ProviderCalls.Node(instance.Id, "node-a")).ResponseAsync);
            await AssertUntouchedAsync(instance);
        });
        await checks.RunAsync("NodeGroupDeleteNodes.one-stranger-refuses-all", async () =>
        {
            await ProviderCalls.ExpectErrorAsync(Delete("general", ProviderCalls.Node(instance.Id, "node-a"), stranger).ResponseAsync);
            await AssertUntouchedAsync(instance);
        });
        await checks.RunAsync("NodeGroupDeleteNodes.unknown-group-NOT_FOUND", () =>
            Expect(Delete("no-such-group", new ExternalGrpcNode { ProviderID = instance.Id }), StatusCode.NotFound));

        await checks.RunAsync("NodeGroupDecreaseTargetSize.delta-0-INVALID_ARGUMENT", () => Expect(Decrease("general", 0), StatusCode.InvalidArgument));
        await checks.RunAsync("NodeGroupDecreaseTargetSize.positive-delta-INVALID_ARGUMENT", () => Expect(Decrease("general", 1), StatusCode.InvalidArgument));
        await checks.RunAsync("NodeGroupDecreaseTargetSize.unknown-group-NOT_FOUND", () => Expect(Decrease("no-such-group", -1), StatusCode.NotFound));
        await checks.RunAsync("NodeGroupDecreaseTargetSize.below-existing-FAILED_PRECONDITION-target-unchanged", async () =>
        {
            await Expect(Decrease("general", -1), StatusCode.FailedPrecondition);
            Assert.Equal(1, await calls.TargetSizeAsync("general"));
        });
        await checks.RunAsync("NodeGroupDecreaseTargetSize.unfulfilled-slots", DecreaseUnfulfilledAsync);

        await checks.RunAsync("NodeGroupDeleteNodes.own-instance", async () =>
        {
            await Delete("general", ProviderCalls.Node(instance.Id, "node-a"));
            Assert.Equal(0, await calls.TargetSizeAsync("general"));
            var after = await calls.EventuallyAsync(() => calls.NodesAsync("general"), list => list.All(i => i.Id != instance.Id), TimeSpan.FromSeconds(10));
            Assert.True(after.All(i => i.Id != instance.Id), $"{instance.Id} still listed after deletion");
        });
        await checks.RunAsync("NodeGroupIncreaseSize.delta-1000-to-max", async () =>
        {
            await Increase("general", 1000);
            Assert.Equal(1000, await calls.TargetSizeAsync("general"));
        });
        await checks.RunAsync("NodeGroupIncreaseSize.at-max-FAILED_PRECONDITION-target-unchanged", async () =>
        {
            await Expect(Increase("general", 1), StatusCode.FailedPrecondition);
            Assert.Equal(1000, await calls.TargetSizeAsync("general"));
        });
        return await checks.RunAsync("NodeGroupNodes.1000-instances", async () =>
        {
            var listed = await calls.EventuallyAsync(() => calls.NodesAsync("general"),
                list => list.Count == 1000 && list.All(IsRunning), TimeSpan.FromSeconds(30));
            Assert.Equal(1000, listed.Count);
            Assert.Equal(1000, listed.Select(i => i.Id).Distinct().Count());
            Assert.True(listed.All(IsRunning), "not all 1000 instances are running");
            return listed;
        });
    }

    private static bool IsRunning(Instance instance) => instance.Status?.InstanceState == InstanceStatus.Types.InstanceState.InstanceRunning;

    private static Task<RpcException> Expect<T>(AsyncUnaryCall<T> call, StatusCode code) => ProviderCalls.ExpectCodeAsync(call.ResponseAsync, code);

    private AsyncUnaryCall<NodeGroupIncreaseSizeResponse> Increase(string group, int delta) =>
        Client.NodeGroupIncreaseSizeAsync(new NodeGroupIncreaseSizeRequest { Id = group, Delta = delta }, calls.Options());

    private AsyncUnaryCall<NodeGroupDecreaseTargetSizeResponse> Decrease(string group, int delta) =>
        Client.NodeGroupDecreaseTargetSizeAsync(new NodeGroupDecreaseTargetSizeRequest { Id = group, Delta = delta }, calls.Options());

    private AsyncUnaryCall<NodeGroupDeleteNodesResponse> Delete(string group, params ExternalGrpcNode[] nodes) =>
        Client.NodeGroupDeleteNodesAsync(new NodeGroupDeleteNodesRequest { Id = group, Nodes = { nodes } }, calls.Options());

    private async Task<Instance> LaunchedInstanceAsync(string region)
    {
        var listed = await calls.EventuallyAsync(() => calls.NodesAsync("general"), list => list.Count == 1 && IsRunning(list[0]), TimeSpan.FromSeconds(15));
        var instance = Assert.Single(listed);
        Assert.Matches($@"^{Regex.Escape(region)}\.i-[0-9a-z]+$", instance.Id);
        Assert.True(IsRunning(instance), $"{instance.Id} is {instance.Status?.InstanceState}");
        Assert.True(instance.Status?.ErrorInfo is null || instance.Status.ErrorInfo.ErrorCode == "", "a running instance carries errorInfo");
        return instance;
    }

    private async Task AssertUntouchedAsync(Instance instance)
    {
        Assert.Equal(1, await calls.TargetSizeAsync("general"));
        var listed = await calls.NodesAsync("general");
        Assert.Equal([(instance.Id, true)], listed.Select(i => (i.Id, IsRunning(i))));
    }

    /// <summary>
    /// DecreaseTargetSize may only give up slots no launch has taken yet. As in client.mjs, an increase and a decrease
    /// go out together on one connection: either the decrease wins (OK, target back where it was) or the reconciler
    /// reserved the slots first (FAILED_PRECONDITION, target unchanged). Both are correct; the accounting must hold in
    /// each. The OK path alone is proven deterministically by NodeGroupEngineTests.
    /// </summary>
    private async Task DecreaseUnfulfilledAsync()
    {
        var outcomes = new List<string>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var before = await calls.TargetSizeAsync("gpu");
            var increase = Increase("gpu", 2).ResponseAsync;
            var decrease = Decrease("gpu", -2).ResponseAsync;
            await increase;
            try
            {
                await decrease;
                Assert.Equal(before, await calls.TargetSizeAsync("gpu"));
                outcomes.Add("ok");
            }
            catch (RpcException error)
            {
                Assert.True(error.StatusCode == StatusCode.FailedPrecondition, ProviderCalls.Describe(error));
                Assert.Equal(before + 2, await calls.TargetSizeAsync("gpu"));
                outcomes.Add("refused");
            }
        }

        checks.Note($"decrease per try: {string.Join(", ", outcomes)}");
    }
}
