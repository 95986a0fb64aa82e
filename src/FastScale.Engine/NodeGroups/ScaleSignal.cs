using FastScale.Engine.Controllers;

namespace FastScale.Engine.NodeGroups;

/// <summary>Wakes the <see cref="ReconcilePass"/> when a target changes, so launches start at once instead of at the next poll.</summary>
public sealed class ScaleSignal : ControllerWakeup;
