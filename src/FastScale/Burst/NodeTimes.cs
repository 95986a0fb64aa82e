namespace FastScale.Burst;

/// <summary>
/// One instance of a burst, each moment in emulated seconds from t = 0: when the cloud accepted its request, when the
/// model has it Running, when its Node was first seen, and when the Node was first seen Ready (null: not yet).
/// <see cref="FloorSeconds"/> is its readiness in the floor (see <see cref="BurstFloorCalculator"/>).
/// </summary>
internal sealed record NodeTimes(
    string InstanceId,
    double RequestedSeconds,
    double RunningSeconds,
    double? RegisteredSeconds,
    double? ReadySeconds,
    double FloorSeconds);
