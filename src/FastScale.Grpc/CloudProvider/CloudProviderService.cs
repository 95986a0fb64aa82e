using FastScale.Engine.NodeGroups;
using NodeGroup = FastScale.Grpc.Protos.NodeGroup;
using FastScale.Engine.Pricing;
using FastScale.Grpc.Protos;
using FastScale.Grpc.Transport;
using Google.Protobuf;

namespace FastScale.Grpc.CloudProvider;

/// <summary>
/// The cluster-autoscaler's view of FastScale. Deliberately thin: each RPC maps its request onto the engine and the
/// engine's answer (or refusal, through <see cref="StatusMapping"/>) back onto the wire. No call waits on the cloud.
/// </summary>
internal sealed class CloudProviderService
{
    public const string ServiceName = "clusterautoscaler.cloudprovider.v1.externalgrpc.CloudProvider";

    private readonly NodeGroupEngine _engine;
    private readonly PriceCalculator _prices;
    private readonly Engine.Policy.ProviderSettings _settings;
    private readonly PolicyAnswers _answers;

    public CloudProviderService(NodeGroupEngine engine, PriceCalculator prices)
    {
        _engine = engine;
        _prices = prices;
        _settings = engine.Registry.Policy.Provider;
        // Templates and the group list follow the policy only, so they are encoded once per policy in force.
        _answers = new PolicyAnswers(engine);
    }

    public void Register(GrpcServiceRegistry registry)
    {
        registry
            .AddUnary(ServiceName, "NodeGroups", NodeGroupsRequest.Parser, (_, _) => Answer(_answers.NodeGroups))
            .AddUnary(ServiceName, "NodeGroupForNode", NodeGroupForNodeRequest.Parser, (r, _) => Answer(NodeGroupForNode(r)))
            .AddUnary(ServiceName, "PricingNodePrice", PricingNodePriceRequest.Parser, (r, _) => Answer(PricingNodePrice(r)))
            .AddUnary(ServiceName, "PricingPodPrice", PricingPodPriceRequest.Parser, (r, _) => Answer(PricingPodPrice(r)))
            .AddUnary(ServiceName, "GPULabel", GPULabelRequest.Parser, (_, _) => Answer(new GPULabelResponse { Label = _settings.GpuLabel }))
            .AddUnary(ServiceName, "GetAvailableGPUTypes", GetAvailableGPUTypesRequest.Parser, (_, _) => Answer(GpuTypes()))
            // Cleanup is never called by the autoscaler (not even on SIGTERM). Refresh needs no work on the leader, whose
            // state its own loops keep current; a follower re-reads the cloud first, so the reads of this loop are fresh.
            .AddUnary(ServiceName, "Cleanup", CleanupRequest.Parser, (_, _) => Answer(new CleanupResponse()))
            .AddUnary(ServiceName, "Refresh", RefreshRequest.Parser, async (_, ct) =>
            {
                await _engine.RefreshAsync(ct);
                return new RefreshResponse();
            })
            .AddUnary(ServiceName, "NodeGroupTargetSize", NodeGroupTargetSizeRequest.Parser,
                (r, _) => Answer(new NodeGroupTargetSizeResponse { TargetSize = StatusMapping.Unwrap(_engine.TargetSize(r.Id)) }))
            .AddUnary(ServiceName, "NodeGroupIncreaseSize", NodeGroupIncreaseSizeRequest.Parser, (r, _) =>
            {
                StatusMapping.ThrowIfError(_engine.IncreaseSize(r.Id, r.Delta));
                return Answer(new NodeGroupIncreaseSizeResponse());
            })
            .AddUnary(ServiceName, "NodeGroupDeleteNodes", NodeGroupDeleteNodesRequest.Parser, (r, _) =>
            {
                StatusMapping.ThrowIfError(_engine.DeleteNodes(r.Id, [.. r.Nodes.Select(n => new NodeRef(n.ProviderID, n.Name))]));
                return Answer(new NodeGroupDeleteNodesResponse());
            })
            .AddUnary(ServiceName, "NodeGroupDecreaseTargetSize", NodeGroupDecreaseTargetSizeRequest.Parser, (r, _) =>
            {
                StatusMapping.ThrowIfError(_engine.DecreaseTargetSize(r.Id, r.Delta));
                return Answer(new NodeGroupDecreaseTargetSizeResponse());
            })
            .AddUnary(ServiceName, "NodeGroupNodes", NodeGroupNodesRequest.Parser, (r, _) => Answer(NodeGroupNodes(r)))
            .AddUnary(ServiceName, "NodeGroupTemplateNodeInfo", NodeGroupTemplateNodeInfoRequest.Parser, (r, _) => Answer(TemplateNodeInfo(r)))
            .AddUnary(ServiceName, "NodeGroupGetOptions", NodeGroupAutoscalingOptionsRequest.Parser, (r, _) => Answer(GetOptions(r)));
    }

    private static ValueTask<T> Answer<T>(T response) => ValueTask.FromResult(response);

    private NodeGroupForNodeResponse NodeGroupForNode(NodeGroupForNodeRequest request)
    {
        var group = StatusMapping.Unwrap(_engine.ForNode(ToRef(request.Node)));
        return new NodeGroupForNodeResponse { NodeGroup = (group is null ? null : _answers.NodeGroup(group.Id)) ?? new NodeGroup { Id = "" } };
    }

    private PricingNodePriceResponse PricingNodePrice(PricingNodePriceRequest request)
    {
        var group = StatusMapping.Unwrap(_engine.ForNode(ToRef(request.Node)))
            ?? throw new GrpcStatusException(GrpcStatusCode.NotFound, $"node {request.Node?.Name} belongs to no FastScale node group");
        var price = StatusMapping.Unwrap(_prices.NodePrice(group, ToTime(request.StartTimestamp), ToTime(request.EndTimestamp)));
        return new PricingNodePriceResponse { Price = price };
    }

    private PricingPodPriceResponse PricingPodPrice(PricingPodPriceRequest request)
    {
        (decimal Cpu, decimal Memory) requests;
        try
        {
            requests = PodRequests.Of(request.PodBytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new GrpcStatusException(GrpcStatusCode.InvalidArgument, $"pod_bytes is not a protobuf v1.Pod: {e.Message}");
        }

        var price = StatusMapping.Unwrap(_prices.PodPrice(requests.Cpu, requests.Memory, ToTime(request.StartTimestamp), ToTime(request.EndTimestamp)));
        return new PricingPodPriceResponse { Price = price };
    }

    private GetAvailableGPUTypesResponse GpuTypes()
    {
        var response = new GetAvailableGPUTypesResponse();
        foreach (var type in _settings.GpuTypes)
        {
            response.GpuTypes.Add(type, new Google.Protobuf.WellKnownTypes.Any());
        }

        return response;
    }

    private NodeGroupNodesResponse NodeGroupNodes(NodeGroupNodesRequest request)
    {
        var response = new NodeGroupNodesResponse();
        foreach (var instance in StatusMapping.Unwrap(_engine.Nodes(request.Id)))
        {
            var status = new InstanceStatus
            {
                InstanceState = instance.State switch
                {
                    InstanceState.Running => InstanceStatus.Types.InstanceState.InstanceRunning,
                    InstanceState.Deleting => InstanceStatus.Types.InstanceState.InstanceDeleting,
                    _ => InstanceStatus.Types.InstanceState.InstanceCreating,
                },
            };
            if (instance.Error is { } error)
            {
                status.ErrorInfo = new InstanceErrorInfo { ErrorCode = error.Code, ErrorMessage = error.Message, InstanceErrorClass = (int)error.Class };
            }

            response.Instances.Add(new Instance { Id = instance.Id, Status = status });
        }

        return response;
    }

    private NodeGroupTemplateNodeInfoResponse TemplateNodeInfo(NodeGroupTemplateNodeInfoRequest request)
    {
        if (_answers.Template(request.Id) is not { } template)
        {
            throw StatusMapping.ToStatus(EngineError.GroupNotFound(request.Id));
        }

#pragma warning disable CS0612 // field 1 is deprecated upstream but still read by autoscalers before the 1.34 line
        return new NodeGroupTemplateNodeInfoResponse { NodeInfo = template.Node, NodeBytes = template.Bytes };
#pragma warning restore CS0612
    }

    private NodeGroupAutoscalingOptionsResponse GetOptions(NodeGroupAutoscalingOptionsRequest request)
    {
        var group = StatusMapping.Unwrap(_engine.Get(request.Id));
        return new NodeGroupAutoscalingOptionsResponse
        {
            NodeGroupAutoscalingOptions = AutoscalingOptionsMapper.Merge(group.Policy.AutoscalingOptions, request.Defaults),
        };
    }

    private static NodeRef ToRef(ExternalGrpcNode? node) => new(node?.ProviderID, node?.Name);

    private static DateTimeOffset ToTime(Google.Protobuf.WellKnownTypes.Timestamp? timestamp) =>
        timestamp?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch;
}
