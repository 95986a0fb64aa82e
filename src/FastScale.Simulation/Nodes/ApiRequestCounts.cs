namespace FastScale.Simulation.Nodes;

/// <summary>Requests one part of the simulation sent to the Kubernetes API server, and how many the server answered
/// 429 Too Many Requests (its priority-and-fairness limit: the client's own pacing never produces a 429). Thread-safe.</summary>
internal sealed class ApiRequestCounts
{
    private long _requests;
    private long _throttled;

    /// <summary>Requests sent, each page of a list and each watch opened counting once.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Answers of HTTP 429, including a watch refused with 429.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    public void Sent() => Interlocked.Increment(ref _requests);

    public void Answered(int code)
    {
        if (code == 429)
        {
            Interlocked.Increment(ref _throttled);
        }
    }
}
