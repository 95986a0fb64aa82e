namespace FastScale.Grpc.Tests.Interop;

/// <summary>
/// The checks that @grpc/grpc-js (client.mjs) and Grpc.Net.Client (GrpcNet/) both make against a fresh server, in the
/// order they make them: each test asserts every one passed, so a check dropped from either client fails its test.
/// </summary>
internal static class SharedChecks
{
    public static readonly IReadOnlyList<string> CloudProvider =
    [
        "ready", "NodeGroups", "GPULabel", "GetAvailableGPUTypes", "Refresh", "Cleanup",
        "NodeGroupTemplateNodeInfo.general",
        "NodeGroupTemplateNodeInfo.gpu-taint-and-gpu-capacity",
        "NodeGroupTemplateNodeInfo.unknown-group-NOT_FOUND",
        "NodeGroupGetOptions.deprecated-defaults-answered-in-both-generations",
        "NodeGroupGetOptions.policy-overrides-defaults",
        "NodeGroupGetOptions.new-defaults-answered-in-both-generations",
        "NodeGroupGetOptions.no-defaults-all-fields-set",
        "NodeGroupGetOptions.unknown-group-NOT_FOUND",
        "NodeGroupTargetSize.fresh-server-is-zero",
        "NodeGroupTargetSize.unknown-group-NOT_FOUND",
        "NodeGroupIncreaseSize.delta-0-INVALID_ARGUMENT",
        "NodeGroupIncreaseSize.negative-delta-INVALID_ARGUMENT",
        "NodeGroupIncreaseSize.unknown-group-NOT_FOUND",
        "NodeGroupIncreaseSize.beyond-max-FAILED_PRECONDITION-target-unchanged",
        "NodeGroupIncreaseSize.delta-1",
        "NodeGroupNodes.launched-instance-running",
        "NodeGroupNodes.unknown-group-NOT_FOUND",
        "NodeGroupForNode.providerID",
        "NodeGroupForNode.alicloud-scheme",
        "NodeGroupForNode.bare-instance-id-unregistered",
        "NodeGroupForNode.unknown-node-empty-id",
        "NodeGroupForNode.empty-node-empty-id",
        "PricingNodePrice.one-hour",
        "PricingNodePrice.unknown-node-NOT_FOUND",
        "PricingPodPrice.half-a-general-node",
        "PricingPodPrice.pod-fits-no-group-UNIMPLEMENTED",
        "PricingPodPrice.garbage-bytes-INVALID_ARGUMENT",
        "NodeGroupDeleteNodes.node-of-another-group-refused-nothing-deleted",
        "NodeGroupDeleteNodes.one-stranger-refuses-all",
        "NodeGroupDeleteNodes.unknown-group-NOT_FOUND",
        "NodeGroupDecreaseTargetSize.delta-0-INVALID_ARGUMENT",
        "NodeGroupDecreaseTargetSize.positive-delta-INVALID_ARGUMENT",
        "NodeGroupDecreaseTargetSize.unknown-group-NOT_FOUND",
        "NodeGroupDecreaseTargetSize.below-existing-FAILED_PRECONDITION-target-unchanged",
        "NodeGroupDecreaseTargetSize.unfulfilled-slots",
        "NodeGroupDeleteNodes.own-instance",
        "NodeGroupIncreaseSize.delta-1000-to-max",
        "NodeGroupIncreaseSize.at-max-FAILED_PRECONDITION-target-unchanged",
        "NodeGroupNodes.1000-instances",
        "unknown-method-UNIMPLEMENTED",
        "unknown-service-UNIMPLEMENTED",
        "status-message-utf8-round-trip",
        "oversized-request-RESOURCE_EXHAUSTED",
        "large-request-under-limit-read-whole",
        "compressed-request-UNIMPLEMENTED",
        "concurrent-200-calls",
        "deadline-1ms-does-not-hang",
    ];
}
