using FastScale.Engine.Cloud;
using FastScale.Engine.Launch;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using Microsoft.Extensions.Logging;

namespace FastScale.Engine.WarmPool;

/// <summary>
/// Starts warm instances taken by a scale-out (one StartInstances call of up to 100, at scale-out priority) and moves
/// the started ones into the group as Creating. Every slot the start could not fill goes to a cold launch at once, in
/// the same pass, so a warm pool can make a scale-out faster but never smaller.
/// </summary>
/// <remarks>
/// The taken slots are part of the group's launch reservation (<c>NodeGroup.ReserveLaunch</c>); this hands each slot on
/// exactly once: to the group with its instance, or to the cold launch. A start refused for stock (economical mode's
/// known risk: the compute went back to the zone) releases that instance: it would be refused again exactly when the
/// next burst needs it, and the refill recreates it through the launcher, which skips the offering while the stock-out
/// is cached (marked here, so the cold launch in this pass skips it too). Any other refusal, or a failed call, leaves
/// the instance in the pool to be read back (Stopping) and used later.
/// </remarks>
internal sealed class WarmInstanceStarter(PacedCloud cloud, Launcher launcher, TimeProvider time, ILogger logger)
{
    public async Task StartAsync(NodeGroup group, GroupWarmPool pool, IReadOnlyList<WarmInstance> taken, Func<int, Task> launchCold, CancellationToken cancellationToken)
    {
        var handedOn = 0;
        try
        {
            var ids = taken.Select(m => m.InstanceId).ToList();
            var result = await cloud.StartInstancesAsync(ids, ApiPriority.ScaleOut, cancellationToken)
                .ConfigureAwait(false);
            var started = new List<string>(ids.Count);
            if (result.IsSuccess)
            {
                var answers = result.Value!.ToDictionary(c => c.InstanceId, StringComparer.Ordinal);
                foreach (var member in taken)
                {
                    if (answers.TryGetValue(member.InstanceId, out var change) && change.IsSuccess)
                    {
                        started.Add(member.InstanceId);
                    }
                    else
                    {
                        Refused(group, pool, member, change?.Error);
                    }
                }
            }
            else
            {
                Log.StartFailed(logger, group.Id, ids.Count, result.Error!);
                foreach (var member in taken)
                {
                    pool.Move(member.InstanceId, WarmInstanceState.Stopping, time.GetUtcNow(), WarmInstanceState.Starting);
                }
            }

            // Into the group first, out of the pool second: the instance is never in neither.
            // The warm instance keeps no batch here: its tags carry the one it was created under, read back on recovery.
            // Its origin goes with it: a warm instance was launched from the template of its creation, not of today.
            var origins = taken.Where(m => m.Origin is not null).ToDictionary(m => m.InstanceId, m => m.Origin!, StringComparer.Ordinal);
            group.CompleteLaunch(started.Count, new LaunchOutcome(started, 0, null) { Origins = origins });
            handedOn += started.Count;
            foreach (var id in started)
            {
                pool.Remove(id);
            }

            var cold = taken.Count - started.Count;
            if (cold > 0)
            {
                handedOn += cold;
                await launchCold(cold).ConfigureAwait(false);
            }
        }
        finally
        {
            if (handedOn < taken.Count)
            {
                // Cancelled (shutting down) or a bug: give the slots back and let the pool read its instances again.
                group.CancelLaunch(taken.Count - handedOn);
                foreach (var member in taken)
                {
                    pool.Move(member.InstanceId, WarmInstanceState.Stopping, time.GetUtcNow(), WarmInstanceState.Starting);
                }
            }
        }
    }

    private void Refused(NodeGroup group, GroupWarmPool pool, WarmInstance member, CloudError? error)
    {
        var now = time.GetUtcNow();
        switch (error?.Kind)
        {
            case CloudErrorKind.OutOfStock:
                pool.Move(member.InstanceId, WarmInstanceState.Releasing, now, WarmInstanceState.Starting);
                if (member.InstanceType is { } type && member.ZoneId is { } zone)
                {
                    var vSwitch = group.Policy.Zones.FirstOrDefault(z => z.ZoneId == zone)?.VSwitchId ?? "";
                    launcher.Unavailable.Mark(new Offering(type, zone, vSwitch), error);
                }

                Log.StartOutOfStock(logger, group.Id, member.InstanceId, error);
                break;
            case CloudErrorKind.NotFound:
                pool.Remove(member.InstanceId);
                Log.Vanished(logger, group.Id, member.InstanceId);
                break;
            default:
                // Not answered, or refused for another reason (e.g. not Stopped after all): read it back, use it later.
                pool.Move(member.InstanceId, WarmInstanceState.Stopping, now, WarmInstanceState.Starting);
                if (error is not null)
                {
                    Log.StartFailed(logger, group.Id, 1, error);
                }

                break;
        }
    }
}
