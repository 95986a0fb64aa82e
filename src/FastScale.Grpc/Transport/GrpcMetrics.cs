using System.Diagnostics.Metrics;

namespace FastScale.Grpc.Transport;

/// <summary>
/// The server's figures on the <c>FastScale.Grpc</c> meter: <c>fastscale_grpc_requests_total{method,code}</c> and
/// <c>fastscale_grpc_request_duration_seconds{method}</c>. <c>method</c> is the method name without its service
/// (<c>NodeGroupIncreaseSize</c>), or <c>unknown</c> for a path no service serves, so a scanner cannot grow the label
/// without bound; <c>code</c> is the status name (<c>OK</c>, <c>NotFound</c>, ...). Recorded once per call, on the
/// hot path (the autoscaler makes about two calls per node per loop), with string tags only: no allocation.
/// </summary>
public sealed class GrpcMetrics
{
    public const string MeterName = "FastScale.Grpc";
    public const string UnknownMethod = "unknown";

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;

    public GrpcMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("fastscale_grpc_requests_total",
            description: "gRPC calls answered, by method and status code.");
        _duration = meter.CreateHistogram("fastscale_grpc_request_duration_seconds", unit: "s",
            description: "Time from a gRPC call's arrival to its answer, by method.",
            advice: new InstrumentAdvice<double>
            {
                // Answers come from memory in well under a millisecond; the autoscaler's deadline is 5 s.
                HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
            });
    }

    public void Record(string method, GrpcStatusCode code, TimeSpan elapsed)
    {
        var methodTag = new KeyValuePair<string, object?>("method", method);
        _requests.Add(1, methodTag, new KeyValuePair<string, object?>("code", CodeName(code)));
        _duration.Record(elapsed.TotalSeconds, methodTag);
    }

    /// <summary>The name gRPC libraries print for a code (grpc-go's <c>codes.Code.String()</c>), without allocating.</summary>
    public static string CodeName(GrpcStatusCode code) => code switch
    {
        GrpcStatusCode.OK => "OK",
        GrpcStatusCode.Cancelled => "Canceled",
        GrpcStatusCode.Unknown => "Unknown",
        GrpcStatusCode.InvalidArgument => "InvalidArgument",
        GrpcStatusCode.DeadlineExceeded => "DeadlineExceeded",
        GrpcStatusCode.NotFound => "NotFound",
        GrpcStatusCode.AlreadyExists => "AlreadyExists",
        GrpcStatusCode.PermissionDenied => "PermissionDenied",
        GrpcStatusCode.ResourceExhausted => "ResourceExhausted",
        GrpcStatusCode.FailedPrecondition => "FailedPrecondition",
        GrpcStatusCode.Aborted => "Aborted",
        GrpcStatusCode.OutOfRange => "OutOfRange",
        GrpcStatusCode.Unimplemented => "Unimplemented",
        GrpcStatusCode.Internal => "Internal",
        GrpcStatusCode.Unavailable => "Unavailable",
        GrpcStatusCode.DataLoss => "DataLoss",
        GrpcStatusCode.Unauthenticated => "Unauthenticated",
        _ => "Unknown",
    };
}
