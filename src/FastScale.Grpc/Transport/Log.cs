using Microsoft.Extensions.Logging;

namespace FastScale.Grpc.Transport;

internal static partial class Log
{
    [LoggerMessage(EventId = 100, EventName = "GrpcCallCompleted", Level = LogLevel.Trace, Message = "gRPC {Path} OK in {Milliseconds:0.###} ms")]
    public static partial void CallCompleted(ILogger logger, string path, double milliseconds);

    [LoggerMessage(EventId = 101, EventName = "GrpcCallFailed", Level = LogLevel.Debug,
        Message = "gRPC {Path} answered status {Code} {CodeName}: {StatusMessage} ({Milliseconds:0.###} ms)")]
    public static partial void CallFailed(ILogger logger, string path, int code, GrpcStatusCode codeName, string statusMessage, double milliseconds);

    [LoggerMessage(EventId = 102, EventName = "GrpcCallCrashed", Level = LogLevel.Error, Message = "gRPC {Path} failed with an unexpected exception; answered INTERNAL")]
    public static partial void CallCrashed(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 103, EventName = "GrpcCallAbandoned", Level = LogLevel.Debug, Message = "gRPC {Path}: the client went away before the answer")]
    public static partial void CallAbandoned(ILogger logger, string path);
}
