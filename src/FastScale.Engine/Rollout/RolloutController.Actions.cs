using FastScale.Engine.NodeGroups;

namespace FastScale.Engine.Rollout;

public sealed partial class RolloutController
{
    /// <summary>Launches <paramref name="count"/> new nodes above the group's size: warm instances of the current template first, then cold.</summary>
    private void Surge(NodeGroup group, GroupRollout state, int count, CancellationToken cancellationToken)
    {
        group.BeginSurge(count);
        state.Move(count);
        var taken = 0;
        if (_warmPools is not null)
        {
            (taken, var starts) = _warmPools.Take(group, count, amount => _replacer.LaunchAsync(group, amount, cancellationToken, RolloutStep.Surge), cancellationToken);
            foreach (var start in starts)
            {
                _work.Track(start, "warm start");
            }
        }

        if (count - taken > 0)
        {
            _work.Track(_replacer.LaunchAsync(group, count - taken, cancellationToken, RolloutStep.Surge), "surge");
        }
    }

    /// <summary>Takes instances out of the group (their slots leave the target) and releases them at rollout priority.</summary>
    private int Retire(NodeGroup group, GroupRollout state, IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        var retired = instanceIds.Where(id => group.MarkRollout(id, RolloutStep.Retired)).ToList();
        foreach (var id in retired)
        {
            state.SurgeSeen.Remove(id);
        }

        if (retired.Count > 0)
        {
            state.Move(-retired.Count);
            _work.Track(_replacer.ReleaseAsync(group, retired, cancellationToken), "release");
        }

        return retired.Count;
    }
}
