using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using FastScale.Ecs.Actions;
using FastScale.Ecs.Credentials;
using FastScale.Ecs.Wire;
using FastScale.Engine.Cloud;
using Microsoft.Extensions.Logging;

namespace FastScale.Ecs.Client;

/// <summary>
/// The ECS OpenAPI actions FastScale uses, over a caller-owned <see cref="HttpClient"/>. Every expected failure
/// (throttling, stock-outs, bad credentials, 5xx, timeouts, connection errors) is a <see cref="CloudError"/> value;
/// only cancellation by the caller throws. The client does not retry: pacing and retries belong to the launcher.
/// </summary>
public sealed partial class EcsClient
{
    private readonly HttpClient _http;
    private readonly EcsClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly EcsRequestFactory _requests;
    private readonly ICredentialsProvider _credentials;

    /// <summary>ECS's answer to an STS key past its Expiration.</summary>
    private const string ExpiredTokenCode = "InvalidSecurityToken.Expired";

    /// <param name="nonceSource">A fresh value per call for <c>x-acs-signature-nonce</c>; default a random GUID.</param>
    public EcsClient(
        HttpClient http,
        EcsClientOptions options,
        EcsCredentials credentials,
        TimeProvider time,
        ILogger<EcsClient> logger,
        Func<string>? nonceSource = null)
        : this(http, options, new StaticCredentialsProvider(credentials ?? throw new ArgumentNullException(nameof(credentials))), time, logger, nonceSource)
    {
    }

    /// <param name="credentials">Asked once per request, so refreshed credentials are picked up by the next call.</param>
    /// <param name="nonceSource">A fresh value per call for <c>x-acs-signature-nonce</c>; default a random GUID.</param>
    public EcsClient(
        HttpClient http,
        EcsClientOptions options,
        ICredentialsProvider credentials,
        TimeProvider time,
        ILogger<EcsClient> logger,
        Func<string>? nonceSource = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        _http = http;
        _options = options;
        _time = time;
        _logger = logger;
        _credentials = credentials;
        Endpoint = options.ResolveEndpoint();
        _requests = new EcsRequestFactory(
            Endpoint, options.SignatureVersion, time, nonceSource ?? (static () => Guid.NewGuid().ToString("N")));
    }

    /// <summary>The base URI every call goes to.</summary>
    public Uri Endpoint { get; }

    public string RegionId => _options.RegionId;

    public async Task<CloudResult<RunInstancesResult>> RunInstancesAsync(RunInstancesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (RunInstancesParameters.Validate(request) is { } invalid)
        {
            return invalid;
        }

        var result = await SendAsync(
            "RunInstances", RunInstancesParameters.Build(RegionId, request), EcsJsonContext.Default.RunInstancesWire, cancellationToken)
            .ConfigureAwait(false);
        return result.IsSuccess
            ? CloudResult<RunInstancesResult>.Ok(new RunInstancesResult(
                result.Value!.RequestId ?? string.Empty,
                result.Value.InstanceIdSets?.InstanceIdSet ?? [],
                result.Value.OrderId))
            : result.Error!;
    }

    public Task<CloudResult<IReadOnlyList<InstanceStateChange>>> StartInstancesAsync(
        IReadOnlyList<string> instanceIds, CancellationToken cancellationToken) =>
        ChangeStateAsync("StartInstances", instanceIds, [], cancellationToken);

    /// <param name="forceStop">Like pulling the plug: data not yet written to disk may be lost.</param>
    public Task<CloudResult<IReadOnlyList<InstanceStateChange>>> StopInstancesAsync(
        IReadOnlyList<string> instanceIds, EcsStoppedMode stoppedMode, bool forceStop, CancellationToken cancellationToken) =>
        ChangeStateAsync(
            "StopInstances",
            instanceIds,
            [new("StoppedMode", stoppedMode.ToString()), new("ForceStop", forceStop ? "true" : "false")],
            cancellationToken);

    /// <summary>Releases up to 100 instances; with <paramref name="force"/> running ones too. Answers the request id.</summary>
    public async Task<CloudResult<string>> DeleteInstancesAsync(
        IReadOnlyList<string> instanceIds, bool force, string? clientToken, CancellationToken cancellationToken)
    {
        if (InstanceIdParameters.Validate(instanceIds) is { } invalid)
        {
            return invalid;
        }

        var parameters = InstanceIdParameters.Build(RegionId, instanceIds);
        parameters.Add(new("Force", force ? "true" : "false"));
        if (!string.IsNullOrEmpty(clientToken))
        {
            parameters.Add(new("ClientToken", clientToken));
        }

        var result = await SendAsync("DeleteInstances", parameters, EcsJsonContext.Default.RequestIdWire, cancellationToken)
            .ConfigureAwait(false);
        return result.IsSuccess ? CloudResult<string>.Ok(result.Value!.RequestId ?? string.Empty) : result.Error!;
    }

    private async Task<CloudResult<IReadOnlyList<InstanceStateChange>>> ChangeStateAsync(
        string action,
        IReadOnlyList<string> instanceIds,
        KeyValuePair<string, string>[] extra,
        CancellationToken cancellationToken)
    {
        if (InstanceIdParameters.Validate(instanceIds) is { } invalid)
        {
            return invalid;
        }

        var parameters = InstanceIdParameters.Build(RegionId, instanceIds);
        parameters.AddRange(extra);
        var result = await SendAsync(action, parameters, EcsJsonContext.Default.InstanceResponsesWire, cancellationToken)
            .ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return result.Error!;
        }

        var changes = (result.Value!.InstanceResponses?.InstanceResponse ?? [])
            .Select(static e => new InstanceStateChange(e.InstanceId ?? string.Empty, e.Code, e.Message, e.PreviousStatus, e.CurrentStatus))
            .ToList();
        return CloudResult<IReadOnlyList<InstanceStateChange>>.Ok(changes);
    }

    /// <summary>One signed call, its outcome classified and logged once.</summary>
    private async Task<CloudResult<T>> SendAsync<T>(
        string action, IReadOnlyList<KeyValuePair<string, string>> parameters, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class, IEcsAnswer
    {
        var started = _time.GetTimestamp();
        CloudResult<T> result;
        using (var deadline = new CancellationTokenSource(_options.CallTimeout, _time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token))
        {
            try
            {
                var credentials = await _credentials.GetCredentialsAsync(linked.Token).ConfigureAwait(false);
                using var request = _requests.Create(action, parameters, credentials);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
                result = EcsResponseReader.Read((int)response.StatusCode, response.Headers, body, typeInfo);
                if (result.Error?.Code == ExpiredTokenCode)
                {
                    _credentials.ReportExpired(credentials);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                result = new CloudError(
                    CloudErrorKind.Transient,
                    "RequestTimeout",
                    string.Create(CultureInfo.InvariantCulture, $"no answer within {_options.CallTimeout.TotalSeconds:0.###} s"));
            }
            catch (HttpRequestException ex)
            {
                result = new CloudError(CloudErrorKind.Transient, "ConnectionFailed", ex.Message);
            }
            catch (CredentialsUnavailableException ex)
            {
                // Transient: the source (STS, metadata) may answer on the next attempt; the provider paces its retries.
                result = new CloudError(CloudErrorKind.Transient, "CredentialsUnavailable", ex.Message);
            }
        }

        var elapsedMs = _time.GetElapsedTime(started).TotalMilliseconds;
        if (result.Error is { } error)
        {
            Log.CallFailed(_logger, action, error.Kind.ToString(), error.Code, error.RequestId, elapsedMs, error.Message);
        }
        else
        {
            Log.CallSucceeded(_logger, action, result.Value!.RequestId, elapsedMs);
        }

        return result;
    }
}
