using System.Text.Json.Nodes;
using FastScale.Simulation.Ecs.Actions;
using FastScale.Simulation.Ecs.FlowControl;
using FastScale.Simulation.Ecs.Instances;
using FastScale.Simulation.Ecs.Signing;
using FastScale.Simulation.Ecs.Sts;
using FastScale.Simulation.Ecs.Wire;
using FastScale.Simulation.LatencyModel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastScale.Simulation.Ecs;

/// <summary>
/// The ECS OpenAPI (2014-05-26) of one emulated region, independent of HTTP hosting: <see cref="Handle"/> takes a request
/// as received and answers as ECS would. Each call goes: action named → signature, key, clock and nonce checked →
/// version → per-action QPS limit → injected one-shot error → transient 503 share → RegionId → the action, atomically.
/// All time comes from the injected <see cref="TimeProvider"/>, and statuses are computed from timestamps when asked,
/// so the emulator runs the same under a fake clock (no timers, no background threads).
/// </summary>
public sealed class EcsEmulator
{
    public const string ApiVersion = "2014-05-26";

    private readonly EcsEmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RequestAuthenticator _authenticator;
    private readonly ActionRateLimiter _limiter;
    private readonly ActionContext _context;
    private readonly Random _requestIds;
    private long _callNumber;

    public EcsEmulator(EcsEmulatorOptions options, TimeProvider time, ILogger<EcsEmulator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var profile = options.Profile ?? LatencyProfileLoader.LoadEmbedded().GetOrThrow();
        var problems = new List<string>(options.Validate());
        problems.AddRange(options.ImageKinds
            .Where(entry => !profile.Boot.ContainsKey(entry.Value) && options.Profile is null)
            .Select(entry => $"image kind of {entry.Key}: expected one of the profile's boot kinds ({string.Join(", ", profile.Boot.Keys)}), got \"{entry.Value}\""));
        if (problems.Count > 0)
        {
            throw new ArgumentException($"invalid ECS emulator options: {string.Join("; ", problems)}", nameof(options));
        }

        _options = options;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Profile = WithImageKinds(profile, options.ImageKinds);
        var temporaryKeys = new TemporaryKeyStore();
        Sts = new EmulatedSts(options.Sts, time, temporaryKeys, Counters);
        Metadata = new EmulatedMetadataService(options.Sts, time, temporaryKeys);
        _authenticator = new RequestAuthenticator(
            new Dictionary<string, string>(StringComparer.Ordinal) { [options.AccessKeyId] = options.AccessKeySecret }, time, options.MaxClockSkew, temporaryKeys);
        _limiter = new ActionRateLimiter(new Dictionary<string, int>(options.QpsLimits, StringComparer.Ordinal));
        var stock = new StockLedger();
        var freeIps = new StockLedger();
        Faults = new EcsFaultInjection(Profile.Faults, stock, freeIps);
        foreach (var (vSwitchId, free) in options.VSwitchFreeIps)
        {
            Faults.SetFreeIps(vSwitchId, free);
        }

        _context = new ActionContext(options, Profile, stock, freeIps, Faults, Counters);
        _requestIds = new Random(options.Seed ^ 0x5eed);
    }

    public EcsEmulatorOptions Options => _options;

    public LatencyProfile Profile { get; }

    public EcsEmulatorCounters Counters { get; } = new();

    public EcsFaultInjection Faults { get; }

    /// <summary>STS AssumeRoleWithOIDC; hosting routes its requests here (see <see cref="Hosting.EmulatorRoutes"/>).</summary>
    public EmulatedSts Sts { get; }

    /// <summary>The instance metadata service's RAM-role credentials.</summary>
    public EmulatedMetadataService Metadata { get; }

    /// <summary>Every instance as it is now, in creation order.</summary>
    public IReadOnlyList<EcsInstanceSnapshot> Instances()
    {
        var now = _time.GetUtcNow();
        lock (_context.Store.Gate)
        {
            return [.. _context.Store.InOrder().Select(i => _context.Store.Snapshot(i, now))];
        }
    }

    public EcsInstanceSnapshot? Instance(string instanceId)
    {
        var now = _time.GetUtcNow();
        lock (_context.Store.Gate)
        {
            return _context.Store.Find(instanceId) is { } i ? _context.Store.Snapshot(i, now) : null;
        }
    }

    public EcsWireResponse Handle(EcsWireRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = UrlEncodedPairs.Parse(request.RawQuery);
        var form = request.IsForm ? UrlEncodedPairs.Parse(System.Text.Encoding.UTF8.GetString(request.Body)) : [];
        var parameters = new ActionParameters([.. query, .. form]);
        var action = request.Header("x-acs-action") ?? parameters.Get("Action") ?? "";
        var arrived = _time.GetUtcNow();
        if (action.Length > 0)
        {
            Counters.Call(action, arrived);
        }

        var outcome = Dispatch(request, action, query, form, parameters);
        if (action.Length > 0 && IsMetered(request))
        {
            Counters.Metered(action, arrived, outcome.Error?.IsThrottling == true);
        }

        if (outcome.Error is { } error)
        {
            Counters.Error(action, error.Code, error.IsThrottling, error.Status == 503);
            Log.Refused(_logger, action, request.RemoteAddress, error.Status, error.Code, error.Message);
            return new EcsWireResponse(error.Status, new JsonObject
            {
                ["RequestId"] = NewRequestId(),
                ["HostId"] = request.Header("host") ?? $"ecs.{_options.RegionId}.emulator",
                ["Code"] = error.Code,
                ["Message"] = error.Message,
                ["Recommend"] = $"FastScale ECS emulator: {error.Code} (see shared/ECS.md for what a caller should do)",
            }.ToJsonString());
        }

        Log.Served(_logger, action, request.RemoteAddress);
        var body = new JsonObject { ["RequestId"] = NewRequestId() };
        // Move the nodes rather than clone them: the action built this body for this answer alone.
        var answer = outcome.Body!;
        foreach (var key in answer.Select(p => p.Key).Where(k => k != "RequestId").ToList())
        {
            var value = answer[key];
            answer.Remove(key);
            body[key] = value;
        }

        return new EcsWireResponse(200, body.ToJsonString());
    }

    private ActionOutcome Dispatch(
        EcsWireRequest request,
        string action,
        IReadOnlyList<KeyValuePair<string, string>> query,
        IReadOnlyList<KeyValuePair<string, string>> form,
        ActionParameters parameters)
    {
        if (action.Length == 0)
        {
            return EcsErrors.Missing("Action");
        }

        if (_authenticator.Authenticate(request, query, form) is { } authError)
        {
            return authError;
        }

        var version = request.Header("x-acs-version") ?? parameters.Get("Version");
        if (version != ApiVersion)
        {
            return EcsErrors.BadVersion(version);
        }

        if (!EcsEmulatorOptions.Actions.Contains(action))
        {
            return EcsErrors.UnknownAction(action);
        }

        var now = _time.GetUtcNow();
        if (IsMetered(request) && !_limiter.TryAcquire(action, now))
        {
            Log.Throttled(_logger, action, _options.QpsLimits[action]);
            return EcsErrors.Throttled(action);
        }

        if (Faults.TakeOneShot(action) is { } shot)
        {
            return EcsErrors.Injected(shot.Code, shot.Status);
        }

        if (Faults.Plan.FailsTransiently(Interlocked.Increment(ref _callNumber)))
        {
            return EcsErrors.ServiceUnavailable();
        }

        var region = parameters.Required("RegionId");
        if (parameters.Error is { } missingRegion)
        {
            return missingRegion;
        }

        if (region != _options.RegionId)
        {
            return EcsErrors.UnknownRegion(region);
        }

        lock (_context.Store.Gate)
        {
            return action switch
            {
                RunInstancesAction.Name => RunInstancesAction.Execute(_context, parameters, now),
                DescribeInstancesAction.Name => DescribeInstancesAction.Execute(_context, parameters, now),
                StartInstancesAction.Name => StartInstancesAction.Execute(_context, parameters, now),
                StopInstancesAction.Name => StopInstancesAction.Execute(_context, parameters, now),
                _ => DeleteInstancesAction.Execute(_context, parameters, now),
            };
        }
    }

    private bool IsMetered(EcsWireRequest request) =>
        _options.UnmeteredTrafficHeader is not { } unmetered || request.Header(unmetered) is null;

    private static LatencyProfile WithImageKinds(LatencyProfile profile, IReadOnlyDictionary<string, string> extra)
    {
        if (extra.Count == 0)
        {
            return profile;
        }

        var merged = new Dictionary<string, string>(profile.ImageKinds, StringComparer.Ordinal);
        foreach (var (imageId, kind) in extra)
        {
            merged[imageId] = kind;
        }

        return profile with { ImageKinds = merged };
    }

    /// <summary>ECS-style request ids (upper-case GUIDs), from the seeded generator so runs are reproducible.</summary>
    private string NewRequestId()
    {
        Span<byte> bytes = stackalloc byte[16];
        lock (_requestIds)
        {
            _requestIds.NextBytes(bytes);
        }

        return new Guid(bytes).ToString("D").ToUpperInvariant();
    }
}
