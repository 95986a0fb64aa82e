namespace FastScale.Engine.Controllers;

/// <summary>
/// Tells a controller's driver that its inputs changed (a target raised, a pod gone pending), so the next pass runs
/// now instead of at its due time. Raising is cheap and never blocks; raises that come while a pass is due anyway fold
/// into that one pass.
/// </summary>
public class ControllerWakeup
{
    private Action? _listener;

    public void Raise() => Volatile.Read(ref _listener)?.Invoke();

    /// <summary>Set by the driver that runs the controller; one listener at a time.</summary>
    internal void Listen(Action? listener) => Volatile.Write(ref _listener, listener);
}
