using FastScale.Engine.NodeGroups;
using FastScale.Grpc.Transport;

namespace FastScale.Grpc.CloudProvider;

/// <summary>The one place where engine refusals become gRPC status codes.</summary>
internal static class StatusMapping
{
    public static GrpcStatusException ToStatus(EngineError error) => new(
        error.Kind switch
        {
            EngineErrorKind.NotFound => GrpcStatusCode.NotFound,
            EngineErrorKind.InvalidArgument => GrpcStatusCode.InvalidArgument,
            EngineErrorKind.FailedPrecondition => GrpcStatusCode.FailedPrecondition,
            EngineErrorKind.Unavailable => GrpcStatusCode.Unavailable,
            EngineErrorKind.NotConfigured => GrpcStatusCode.Unimplemented,
            _ => GrpcStatusCode.Internal,
        },
        error.Message);

    public static T Unwrap<T>(EngineResult<T> result) => result.Error is { } error ? throw ToStatus(error) : result.Value!;

    public static void ThrowIfError(EngineError? error)
    {
        if (error is not null)
        {
            throw ToStatus(error);
        }
    }
}
