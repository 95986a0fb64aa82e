using System.Collections.Frozen;
using Google.Protobuf;

namespace FastScale.Grpc.Transport;

/// <summary>The methods a server answers, by HTTP/2 path. Filled once at start-up, then read without locks.</summary>
public sealed class GrpcServiceRegistry
{
    private readonly Dictionary<string, IGrpcMethod> _methods = new(StringComparer.Ordinal);
    private readonly HashSet<string> _services = new(StringComparer.Ordinal);
    private FrozenDictionary<string, IGrpcMethod>? _frozen;

    public GrpcServiceRegistry AddUnary<TRequest, TResponse>(
        string service,
        string method,
        MessageParser<TRequest> parser,
        Func<TRequest, CancellationToken, ValueTask<TResponse>> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        if (_frozen is not null)
        {
            throw new InvalidOperationException("methods must be registered before the server starts");
        }

        var path = $"/{service}/{method}";
        if (!_methods.TryAdd(path, new UnaryMethod<TRequest, TResponse>(path, parser, handler)))
        {
            throw new InvalidOperationException($"{path} is registered twice");
        }

        _services.Add(service);
        return this;
    }

    /// <summary>The method at <paramref name="path"/>, or the UNIMPLEMENTED status naming what is missing.</summary>
    public IGrpcMethod Find(string path)
    {
        var methods = _frozen ??= _methods.ToFrozenDictionary(StringComparer.Ordinal);
        if (methods.TryGetValue(path, out var method))
        {
            return method;
        }

        var slash = path.LastIndexOf('/');
        var service = slash > 0 ? path[1..slash] : path.TrimStart('/');
        throw new GrpcStatusException(GrpcStatusCode.Unimplemented, _services.Contains(service)
            ? $"method {path[(slash + 1)..]} is not implemented by service {service}"
            : $"unknown service {service}");
    }
}
