using FastScale.Ecs.Endpoints;

namespace FastScale.Ecs.Client;

/// <summary>How to reach ECS. Validate once at start-up with <see cref="Validate"/>.</summary>
public sealed class EcsClientOptions
{
    public const string ApiVersion = "2014-05-26";

    /// <summary>Required, e.g. <c>cn-hangzhou</c>; sent as <c>RegionId</c> on every call.</summary>
    public string RegionId { get; set; } = string.Empty;

    /// <summary>
    /// A full URL or <c>HOST:PORT</c> (plain HTTP on loopback, HTTPS elsewhere). Default: none, meaning
    /// <c>https://ecs.&lt;RegionId&gt;.aliyuncs.com</c>.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>Default <see cref="EcsSignatureVersion.V3"/>.</summary>
    public EcsSignatureVersion SignatureVersion { get; set; } = EcsSignatureVersion.V3;

    /// <summary>Deadline of one HTTP call, measured on the injected clock; a call past it is Transient. Default 10 s.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// DescribeInstances <c>MaxResults</c> of a listing by tag or status, 10–100. Default 100. A describe by ids asks for
    /// 100 whatever this says, so it is always one request.
    /// </summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Every problem at once; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(RegionId))
        {
            problems.Add("ECS RegionId is required");
        }

        if (Endpoint is not null && !EcsEndpoint.TryParse(Endpoint, out _, out var error))
        {
            problems.Add($"ECS endpoint: {error}");
        }

        if (CallTimeout <= TimeSpan.Zero)
        {
            problems.Add("ECS CallTimeout must be positive");
        }

        if (PageSize is < 10 or > 100)
        {
            problems.Add("ECS PageSize must be between 10 and 100");
        }

        if (!Enum.IsDefined(SignatureVersion))
        {
            problems.Add("ECS SignatureVersion must be V3 or V1");
        }

        return problems;
    }

    internal Uri ResolveEndpoint() =>
        Endpoint is null
            ? EcsEndpoint.ForRegion(RegionId)
            : EcsEndpoint.TryParse(Endpoint, out var uri, out var error) ? uri! : throw new InvalidOperationException($"ECS endpoint: {error}");
}
