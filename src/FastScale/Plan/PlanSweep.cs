using System.Globalization;
using System.Text.RegularExpressions;
using FastScale.Engine.Cloud;
using FastScale.Engine.Launch;
using FastScale.Engine.Policy;
using FastScale.Simulation.LatencyModel;

namespace FastScale.Plan;

/// <summary>
/// A sweep over one policy or latency-profile parameter, from <c>--sweep NAME=V1,V2,…</c>: each value runs the same
/// scenario with the policy or the profile changed. Parameters:
/// <list type="bullet">
/// <item><c>warmPool</c>: the group's warm-pool size, 0 to the group's maxSize; a pool is filled before t = 0.</item>
/// <item><c>qps</c>: RunInstances pacing, calls a second (&gt; 0, at most 1000); the burst allowance is the same number
/// rounded up.</item>
/// <item><c>instanceTypes</c>: the group's instance-type preference list; the types of one value are joined with
/// <c>+</c> (<c>instanceTypes=ecs.g7.large+ecs.g6.large,ecs.g6.large</c>).</item>
/// <item><c>provisioningPerSecond</c>: the profile's regional provisioning throughput, instances a second (&gt; 0).</item>
/// <item><c>coldProvisioning</c>, <c>startProvisioning</c>, <c>registration</c>, <c>readiness</c>: a factor written
/// <c>xF</c> (F &gt; 0) that scales both the median and the p90 of that phase of the profile
/// (<c>registration=x0.5,x1,x2</c>).</item>
/// <item><c>startsWaitInCreateQueue</c>: <c>false</c> or <c>true</c>, whether warm starts wait in the region's create queue.</item>
/// <item><c>essCallSeconds</c>, <c>activityStartSeconds</c>: the upstream baseline's assumptions (upstream-model.yaml),
/// seconds, 0 or more; FastScale's own run does not change.</item>
/// </list>
/// The floor of each row follows the swept profile: it is read from the emulator's samples, drawn from that profile.
/// </summary>
internal sealed partial record PlanSweep(string Parameter, IReadOnlyList<PlanSweepValue> Values)
{
    public const string WarmPool = "warmPool";
    public const string Qps = "qps";
    public const string InstanceTypes = "instanceTypes";
    public const string ProvisioningPerSecond = "provisioningPerSecond";
    public const string ColdProvisioning = "coldProvisioning";
    public const string StartProvisioning = "startProvisioning";
    public const string Registration = "registration";
    public const string Readiness = "readiness";
    public const string StartsWaitInCreateQueue = "startsWaitInCreateQueue";
    public const string EssCallSeconds = "essCallSeconds";
    public const string ActivityStartSeconds = "activityStartSeconds";
    private static readonly string[] Parameters =
        [WarmPool, Qps, InstanceTypes, ProvisioningPerSecond, ColdProvisioning, StartProvisioning, Registration, Readiness, StartsWaitInCreateQueue,
         EssCallSeconds, ActivityStartSeconds];

    /// <summary>Parses a sweep for <paramref name="group"/>; null with every problem named (the bad token quoted) when it is wrong.</summary>
    public static PlanSweep? Parse(string text, NodeGroupPolicy group, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(group);
        var found = new List<string>();
        problems = found;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            found.Add($"--sweep: expected NAME=V1,V2,… with NAME one of {string.Join(", ", Parameters)}, got '{text}'");
            return null;
        }

        var name = text[..equals].Trim();
        var parameter = Parameters.FirstOrDefault(p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase));
        if (parameter is null)
        {
            found.Add($"--sweep: unknown parameter '{name}'; expected one of {string.Join(", ", Parameters)}");
            return null;
        }

        var tokens = text[(equals + 1)..].Split(',', StringSplitOptions.TrimEntries);
        var values = new List<PlanSweepValue>();
        foreach (var token in tokens)
        {
            if (token.Length == 0)
            {
                found.Add($"--sweep {parameter}: empty value in '{text[(equals + 1)..]}'");
                continue;
            }

            if (ParseValue(parameter, token, group, out var problem) is { } value)
            {
                values.Add(value);
            }
            else
            {
                found.Add(problem!);
            }
        }

        foreach (var duplicate in values.GroupBy(v => v.Label, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            found.Add($"--sweep {parameter}: value '{duplicate.Key}' is given more than once");
        }

        return found.Count == 0 ? new PlanSweep(parameter, values) : null;
    }

    private static PlanSweepValue? ParseValue(string parameter, string token, NodeGroupPolicy group, out string? problem)
    {
        problem = null;
        switch (parameter)
        {
            case WarmPool:
                if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size > group.MaxSize)
                {
                    problem = $"--sweep warmPool: '{token}' is not a whole number from 0 to the group's maxSize {group.MaxSize}";
                    return null;
                }

                return new PlanSweepValue(token, size, p => PlanPolicies.WithGroup(p, group.Id, g => g.WarmPool.Size = size));
            case Qps:
                if (!double.TryParse(token, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var qps) || qps <= 0 || qps > 1000)
                {
                    problem = $"--sweep qps: '{token}' is not a number of calls per second above 0 and at most 1000";
                    return null;
                }

                var pacing = new ActionPacing { Qps = qps, Burst = Math.Max(1, (int)Math.Ceiling(qps)) };
                return new PlanSweepValue(token, qps, p => PlanPolicies.WithPacing(p, CloudAction.RunInstances, pacing));
            case ProvisioningPerSecond:
                if (!double.TryParse(token, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var perSecond) || perSecond <= 0)
                {
                    problem = $"--sweep provisioningPerSecond: '{token}' is not a number of instances per second above 0";
                    return null;
                }

                return new PlanSweepValue(token, perSecond, Unchanged) { ApplyProfile = l => l with { ProvisioningPerSecond = perSecond } };
            case StartsWaitInCreateQueue:
                if (token is not ("true" or "false"))
                {
                    problem = $"--sweep startsWaitInCreateQueue: '{token}' is not true or false";
                    return null;
                }

                var waits = token == "true";
                return new PlanSweepValue(token, waits ? 1 : 0, Unchanged) { ApplyProfile = l => l with { StartsWaitInCreateQueue = waits } };
            case EssCallSeconds or ActivityStartSeconds:
                if (!double.TryParse(token, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) || seconds > 3600)
                {
                    problem = $"--sweep {parameter}: '{token}' is not a number of seconds from 0 to 3600";
                    return null;
                }

                var span = TimeSpan.FromSeconds(seconds);
                return new PlanSweepValue(token, seconds, Unchanged)
                {
                    ApplyUpstream = parameter == EssCallSeconds ? m => m with { EssCall = span } : m => m with { ActivityStart = span },
                };
            case ColdProvisioning or StartProvisioning or Registration or Readiness:
                if (token.Length < 2 || token[0] is not ('x' or 'X')
                    || !double.TryParse(token[1..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var factor)
                    || factor <= 0 || double.IsInfinity(factor))
                {
                    problem = $"--sweep {parameter}: '{token}' is not a factor above 0 written xF (x0.5, x1, x2)";
                    return null;
                }

                return new PlanSweepValue(token, factor, Unchanged) { ApplyProfile = ScalePhase(parameter, factor) };
            default:
                var types = token.Split('+', StringSplitOptions.TrimEntries);
                var bad = types.FirstOrDefault(t => !InstanceTypePattern().IsMatch(t));
                if (bad is not null)
                {
                    problem = token.Contains('|', StringComparison.Ordinal)
                        ? $"--sweep instanceTypes: '{token}': separate values with ',' and join the types of one value with '+'"
                        : $"--sweep instanceTypes: '{bad}' in '{token}' is not an ECS instance type such as ecs.g7.large";
                    return null;
                }

                if (types.Distinct(StringComparer.Ordinal).Count() != types.Length)
                {
                    problem = $"--sweep instanceTypes: '{token}' names a type twice";
                    return null;
                }

                return new PlanSweepValue(token, null, p => PlanPolicies.WithGroup(p, group.Id, g => g.InstanceTypes = [.. types]));
        }
    }

    private static ScalePolicy Unchanged(ScalePolicy policy) => policy;

    private static Func<LatencyProfile, LatencyProfile> ScalePhase(string parameter, double factor) => parameter switch
    {
        ColdProvisioning => l => l with { ColdProvisioning = Scale(l.ColdProvisioning, factor) },
        StartProvisioning => l => l with { StartProvisioning = Scale(l.StartProvisioning, factor) },
        Registration => l => l with { Registration = Scale(l.Registration, factor) },
        _ => l => l with { Readiness = Scale(l.Readiness, factor) },
    };

    private static PhaseDistribution Scale(PhaseDistribution phase, double factor) => new(phase.Median * factor, phase.P90 * factor);

    [GeneratedRegex(@"^ecs\.[a-z0-9-]+\.[a-z0-9]+$")]
    private static partial Regex InstanceTypePattern();
}
