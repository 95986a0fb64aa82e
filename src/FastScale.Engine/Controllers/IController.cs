namespace FastScale.Engine.Controllers;

/// <summary>
/// A control loop written as a pass: each call reads memory, starts whatever cloud or cluster work it decides on
/// without waiting for it, and says when it wants the next pass. A <see cref="ControllerDriver"/> schedules the passes,
/// on the wall clock in <c>serve</c> and <c>burst</c>, on a virtual clock in <c>plan</c>; tests drive the same passes.
/// </summary>
public interface IController
{
    /// <summary>A short name for logs ("reconcile", "repair", "demand").</summary>
    string Name { get; }

    /// <summary>Raised when the controller's inputs change and it should run before its next due time; null: on its schedule only.</summary>
    ControllerWakeup? Wakeup { get; }

    /// <summary>
    /// One pass. Must return quickly and never block on I/O: cloud calls are started and tracked, not awaited. Returns
    /// the delay until the next pass is due, or <see cref="Timeout.InfiniteTimeSpan"/> to run only when woken.
    /// </summary>
    TimeSpan RunOnce(CancellationToken cancellationToken);

    /// <summary>True when no work started by a pass (a launch, a release, a poll) is still running.</summary>
    bool IsIdle { get; }
}
