namespace FastScale.Engine.Policy;

/// <summary>
/// One problem in a policy file. <see cref="Line"/> and <see cref="Column"/> are 1-based; 0 means the problem is about the
/// file as a whole (missing, unreadable). <see cref="Field"/> is a path such as <c>nodeGroups[1].instanceTypes[0]</c>.
/// </summary>
public sealed record PolicyProblem(string File, int Line, int Column, string Field, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Field}: {Message}";
}
