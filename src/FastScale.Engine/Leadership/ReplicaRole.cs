namespace FastScale.Engine.Leadership;

/// <summary>
/// Whether this replica may change the cloud. Several replicas can run against one cluster; only the one that holds
/// the lease (the host's leader elector decides) launches, releases, repairs and answers the autoscaler's writes. The
/// others keep their groups in step with the cloud's tags so they can answer reads and take over at once.
/// </summary>
/// <remarks>
/// A term has two steps. <see cref="Lead"/>: the elector won the lease; the reconciler must first rebuild the groups
/// from the cloud (the previous leader may have launched since this replica last looked). <see cref="Activate"/>: the
/// rebuild is done; writes are accepted from now on. Writes are refused in between so an IncreaseSize cannot be lost to
/// the rebuild. <see cref="Follow"/> ends the term and cancels its token, which stops every mutation of the term at once.
/// </remarks>
public sealed class ReplicaRole
{
    private readonly Lock _gate = new();
    private CancellationTokenSource? _term;
    private TaskCompletionSource<CancellationToken> _leading = NewSignal();
    private TaskCompletionSource<CancellationToken> _activated = NewSignal();
    private bool _active;
    private string? _leader;
    private Func<CancellationToken, Task>? _refresh;

    private ReplicaRole()
    {
    }

    /// <summary>Leader election is off: this replica leads for its whole life, and its first recovery is its rebuild.</summary>
    public static ReplicaRole Single()
    {
        var leadership = new ReplicaRole();
        leadership.Lead();
        leadership.Activate(leadership._term!.Token);
        return leadership;
    }

    /// <summary>Leader election is on: this replica follows until the elector says otherwise.</summary>
    public static ReplicaRole Elected() => new();

    public bool IsLeader { get { lock (_gate) { return _term is not null; } } }

    /// <summary>Leading and rebuilt from the cloud: the autoscaler's writes are accepted.</summary>
    public bool IsActive { get { lock (_gate) { return _active; } } }

    /// <summary>The replica the lease names as leader, for followers' error messages; null or empty when unknown.</summary>
    public string? Leader { get { lock (_gate) { return _leader; } } }

    /// <summary>The elector won the lease for this replica.</summary>
    public void Lead()
    {
        lock (_gate)
        {
            if (_term is not null)
            {
                return;
            }

            _term = new CancellationTokenSource();
            _leading.TrySetResult(_term.Token);
        }
    }

    /// <summary>The reconciler rebuilt the groups for the term whose token is <paramref name="term"/>; writes may start.</summary>
    public void Activate(CancellationToken term)
    {
        lock (_gate)
        {
            if (_term is { } current && current.Token == term)
            {
                _active = true;
                _activated.TrySetResult(term);
            }
        }
    }

    /// <summary>This replica does not lead (lost the lease, never had it, or shuts down): its term's work is cancelled.</summary>
    public void Follow()
    {
        CancellationTokenSource? ended;
        lock (_gate)
        {
            ended = _term;
            _term = null;
            _active = false;
            if (_leading.Task.IsCompleted)
            {
                _leading = NewSignal();
            }

            if (_activated.Task.IsCompleted)
            {
                _activated = NewSignal();
            }
        }

        // Not disposed: work of the term may still hold tokens linked to it.
        ended?.Cancel();
    }

    /// <summary>The holder the elector observed (another replica, this one, or empty when the lease was released).</summary>
    public void Observe(string? leader)
    {
        lock (_gate)
        {
            _leader = leader;
        }
    }

    /// <summary>How a follower re-reads the cloud on the autoscaler's Refresh (the reconciler registers it).</summary>
    public void OnRefresh(Func<CancellationToken, Task> refresh)
    {
        lock (_gate)
        {
            _refresh = refresh;
        }
    }

    /// <summary>Re-reads the cloud unless this replica is the active leader (whose state is current anyway).</summary>
    public Task RefreshAsync(CancellationToken cancellationToken)
    {
        Func<CancellationToken, Task>? refresh;
        lock (_gate)
        {
            refresh = _active ? null : _refresh;
        }

        return refresh?.Invoke(cancellationToken) ?? Task.CompletedTask;
    }

    /// <summary>
    /// The current term's token, cancelled when the term ends; waits up to <paramref name="timeout"/> for a term to
    /// begin and returns null if none did.
    /// </summary>
    public Task<CancellationToken?> WaitForTermAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return WaitAsync(_leading.Task, timeout, time, cancellationToken);
        }
    }

    /// <summary>Like <see cref="WaitForTermAsync"/>, for a term that is rebuilt and <see cref="IsActive"/>: what
    /// components that act on the groups' state wait for.</summary>
    public Task<CancellationToken?> WaitUntilActiveAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return WaitAsync(_activated.Task, timeout, time, cancellationToken);
        }
    }

    private static async Task<CancellationToken?> WaitAsync(Task<CancellationToken> leading, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            var term = await leading.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
            return term.IsCancellationRequested ? null : term;
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private static TaskCompletionSource<CancellationToken> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
