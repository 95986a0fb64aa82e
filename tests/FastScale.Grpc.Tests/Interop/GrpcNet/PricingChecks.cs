using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

using FastScale.Grpc.Protos;

namespace FastScale.Grpc.Tests.Interop.GrpcNet;

/// <summary>PricingNodePrice and PricingPodPrice over one hour, at the embedded policy's prices ('general' 0.62/h).</summary>
internal sealed class PricingChecks(CheckRunner checks, ProviderCalls calls)
{
    public async Task RunAsync(string region, Instance instance)
    {
        var client = calls.Client;
        await checks.RunAsync("PricingNodePrice.one-hour", async () =>
        {
            var request = new PricingNodePriceRequest { Node = ProviderCalls.Node(instance.Id, "node-a") };
            var price = (await client.PricingNodePriceAsync(WithOneHour(request), calls.Options())).Price;
            Assert.True(Math.Abs(price - 0.62) < 1e-9, $"price {price}, expected 0.62 (nodePerHour of 'general')");
        });
        await checks.RunAsync("PricingNodePrice.unknown-node-NOT_FOUND", () => ProviderCalls.ExpectCodeAsync(
            client.PricingNodePriceAsync(WithOneHour(new PricingNodePriceRequest { Node = ProviderCalls.Node($"{region}.i-notours0000000", "x") }),
                calls.Options()).ResponseAsync,
            StatusCode.NotFound));
        await checks.RunAsync("PricingPodPrice.half-a-general-node", async () =>
        {
            var price = (await client.PricingPodPriceAsync(PodPrice(PodBytes.WithRequests("950m", "3584Mi")), calls.Options())).Price;
            Assert.True(Math.Abs(price - 0.31) < 1e-9, $"price {price}, expected 0.31 (half of general's allocatable at 0.62/h)");
        });
        await checks.RunAsync("PricingPodPrice.pod-fits-no-group-UNIMPLEMENTED", () => ProviderCalls.ExpectCodeAsync(
            client.PricingPodPriceAsync(PodPrice(PodBytes.WithRequests("1000", "1Gi")), calls.Options()).ResponseAsync,
            StatusCode.Unimplemented));
        await checks.RunAsync("PricingPodPrice.garbage-bytes-INVALID_ARGUMENT", () => ProviderCalls.ExpectCodeAsync(
            client.PricingPodPriceAsync(PodPrice(ByteString.CopyFrom(0x12, 0x7f, 0x01)), calls.Options()).ResponseAsync,
            StatusCode.InvalidArgument));
    }

    private PricingPodPriceRequest PodPrice(ByteString pod)
    {
        var (start, end) = OneHour();
        return new PricingPodPriceRequest { PodBytes = pod, StartTimestamp = start, EndTimestamp = end };
    }

    private PricingNodePriceRequest WithOneHour(PricingNodePriceRequest request)
    {
        (request.StartTimestamp, request.EndTimestamp) = OneHour();
        return request;
    }

    private (Timestamp Start, Timestamp End) OneHour()
    {
        var start = calls.Time.GetUtcNow();
        return (Timestamp.FromDateTimeOffset(start), Timestamp.FromDateTimeOffset(start.AddHours(1)));
    }
}
