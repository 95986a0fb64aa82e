using System.Globalization;
using System.Text.Json.Nodes;
using FastScale.Simulation.Ecs.Instances;
using FastScale.Simulation.Ecs.Wire;
using FastScale.Simulation.Machines;

namespace FastScale.Simulation.Ecs.Actions;

/// <summary>
/// RunInstances: validates, honours ClientToken, then creates up to Amount instances within the per-minute creation
/// cap, the account's instance quota, the zone's stock and the vSwitch's free IPs (all or nothing, or at least
/// MinAmount when given, as ECS documents MinAmount: fewer available than MinAmount fails, otherwise as many as are
/// available). An offering with an injected capacity error (e.g. Zone.NotOnSale) answers it first. A ClientToken seen
/// before gets the answer the cache kept for it (see <see cref="IdempotencyCache"/>: refusals other than throttles and
/// server errors included). Each instance waits its turn in the regional provisioning queue and moves
/// Pending → Starting → Running on its own.
/// </summary>
internal static class RunInstancesAction
{
    public const string Name = "RunInstances";

    /// <summary>Share of the provisioning time spent in Starting (the rest is Pending), roughly as observed on ECS.</summary>
    private const double StartingShare = 0.2;

    private const int MaxUserDataBytes = 32 * 1024;

    public static ActionOutcome Execute(ActionContext context, ActionParameters p, DateTimeOffset now)
    {
        var amount = p.Int("Amount", 1, 100) ?? 1;
        var minAmount = p.Int("MinAmount", 1, 100);
        var templateId = p.Get("LaunchTemplateId");
        var imageId = templateId is null ? p.Required("ImageId") : p.Get("ImageId") ?? $"template-image-of-{templateId}";
        var instanceType = templateId is null ? p.Required("InstanceType") : p.Get("InstanceType") ?? "ecs.g7.large";
        var vSwitchId = p.Get("VSwitchId") ?? "vsw-fastscale-default";
        var securityGroups = p.Indexed("SecurityGroupIds", 16);
        if (p.Get("SecurityGroupId") is { } securityGroup)
        {
            securityGroups.Insert(0, securityGroup);
        }

        var tags = p.Tags();
        var userData = p.Get("UserData");
        var chargeType = p.OneOf("InstanceChargeType", "PostPaid", "PostPaid", "PrePaid");
        var token = p.Get("ClientToken");
        var dryRun = p.Bool("DryRun");
        Validate(p, amount, minAmount, userData, token);
        if (p.Error is { } error)
        {
            return error;
        }

        if (context.InstanceTypes.Find(instanceType!) is not { } spec)
        {
            return EcsErrors.UnknownInstanceType(instanceType!);
        }

        var fingerprint = p.Fingerprint();
        if (token is not null && context.Idempotency.TryGet(Name, token, out var firstFingerprint, out var firstAnswer))
        {
            return firstFingerprint == fingerprint ? firstAnswer : EcsErrors.IdempotentMismatch();
        }

        if (dryRun)
        {
            return new EcsError(400, "DryRunOperation", "Request validation has been passed with DryRun flag set.");
        }

        var answer = Launch(context, p, now, amount, minAmount, imageId!, instanceType!, spec, vSwitchId, securityGroups, tags, userData, chargeType);
        if (token is not null)
        {
            // Refusals too: the cache keeps every final answer and lets throttles and server errors be retried.
            context.Idempotency.Remember(Name, token, fingerprint, answer);
        }

        return answer;
    }

    private static ActionOutcome Launch(
        ActionContext context,
        ActionParameters p,
        DateTimeOffset now,
        int amount,
        int? minAmount,
        string imageId,
        string instanceType,
        InstanceTypeSpec spec,
        string vSwitchId,
        List<string> securityGroups,
        List<KeyValuePair<string, string>> tags,
        string? userData,
        string chargeType)
    {
        var zoneId = p.Get("ZoneId") ?? context.Options.VSwitchZones.GetValueOrDefault(vSwitchId) ?? context.Options.DefaultZoneId;
        if (context.Faults.OfferingError(instanceType, zoneId) is { } refusal)
        {
            return EcsErrors.OfferingRefused(refusal.Code, refusal.Status, instanceType, zoneId);
        }

        var stockKey = LatencyModel.StockOut.KeyOf(instanceType, zoneId);
        var needed = minAmount ?? amount;
        var capLeft = context.Cap.Remaining(now);
        if (capLeft < needed)
        {
            return EcsErrors.CreationCapReached(context.Cap.PerMinute);
        }

        var quotaLeft = context.Options.InstanceQuota is { } quota ? Math.Max(0, quota - context.Store.Count) : int.MaxValue;
        if (quotaLeft < needed)
        {
            return EcsErrors.QuotaExceeded(context.Options.InstanceQuota!.Value);
        }

        // IPs before stock: a vSwitch with no room refuses whatever type is asked for.
        var ips = context.FreeIps.Take(vSwitchId, Math.Min(amount, Math.Min(capLeft, quotaLeft)));
        if (ips < needed)
        {
            context.FreeIps.Return(vSwitchId, ips);
            return EcsErrors.IpNotEnough(vSwitchId);
        }

        var granted = context.Stock.Take(stockKey, ips);
        if (granted < needed)
        {
            context.Stock.Return(stockKey, granted);
            context.FreeIps.Return(vSwitchId, ips);
            return EcsErrors.NoStock(instanceType, zoneId);
        }

        context.FreeIps.Return(vSwitchId, ips - granted);

        context.Cap.Take(now, granted);
        var ids = new JsonArray();
        for (var n = 0; n < granted; n++)
        {
            var instance = Create(context, now, imageId, spec, zoneId, vSwitchId, securityGroups, tags, userData, chargeType);
            ids.Add(instance.InstanceId);
        }

        context.Counters.Created(granted);
        return new JsonObject
        {
            ["OrderId"] = (200_000_000_000L + context.Store.NextSequence).ToString(CultureInfo.InvariantCulture),
            ["TradePrice"] = 0,
            ["InstanceIdSets"] = new JsonObject { ["InstanceIdSet"] = ids },
        };
    }

    private static void Validate(ActionParameters p, int amount, int? minAmount, string? userData, string? token)
    {
        if (minAmount > amount)
        {
            p.Fail(EcsErrors.Invalid("MinAmount", $"at most Amount ({amount}), got {minAmount}"));
        }

        if (userData is not null)
        {
            var raw = new byte[userData.Length];
            if (!Convert.TryFromBase64String(userData, raw, out var length) || length > MaxUserDataBytes)
            {
                p.Fail(EcsErrors.Invalid("UserData", "Base64 of at most 32 KB"));
            }
        }

        if (token is not null && (token.Length > 64 || token.Any(c => c > 127)))
        {
            p.Fail(EcsErrors.Invalid("ClientToken", "at most 64 ASCII characters"));
        }
    }

    private static EmulatedInstance Create(
        ActionContext context,
        DateTimeOffset now,
        string imageId,
        InstanceTypeSpec spec,
        string zoneId,
        string vSwitchId,
        List<string> securityGroups,
        List<KeyValuePair<string, string>> tags,
        string? userData,
        string chargeType)
    {
        var sequence = context.Store.TakeSequence();
        var id = context.NewInstanceId(sequence);
        var instance = new EmulatedInstance
        {
            InstanceId = id,
            Sequence = sequence,
            RegionId = context.Options.RegionId,
            ZoneId = zoneId,
            InstanceType = spec.Name,
            Cpu = spec.Cpu,
            MemoryMiB = spec.MemoryMiB,
            ImageId = imageId,
            VpcId = context.Options.VpcId,
            VSwitchId = vSwitchId,
            SecurityGroupIds = [.. securityGroups],
            PrivateIp = ActionContext.PrivateIp(sequence),
            InstanceName = id,
            Tags = [.. tags],
            UserData = userData,
            ChargeType = chargeType,
            CreatedAt = now,
        };

        var latency = context.SampleLaunch(LaunchKind.Create, imageId, now);
        instance.Latency = latency;
        var starting = latency.RunningAt - (latency.Provisioning * StartingShare);
        if (context.Faults.Plan.NeverReachesRunning(id))
        {
            instance.Schedule(now, (now, InstanceStatus.Pending), (starting, InstanceStatus.Starting));
        }
        else
        {
            instance.Schedule(now, (now, InstanceStatus.Pending), (starting, InstanceStatus.Starting), (latency.RunningAt, InstanceStatus.Running));
        }

        context.Store.Add(instance);
        return instance;
    }
}
