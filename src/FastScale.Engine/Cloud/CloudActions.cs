namespace FastScale.Engine.Cloud;

/// <summary>The names of <see cref="CloudAction"/>s as ECS, the policy's <c>pacing</c> and the metric labels spell them.</summary>
public static class CloudActions
{
    private static readonly string[] Names = Enum.GetNames<CloudAction>();

    /// <summary>Every action, in the order the example policy lists them.</summary>
    public static IReadOnlyList<CloudAction> All { get; } = Enum.GetValues<CloudAction>();

    /// <summary>The ECS action name; the same string instance every time, so a metric label allocates nothing.</summary>
    public static string Name(this CloudAction action) => Names[(int)action];

    /// <summary>The action named exactly <paramref name="name"/> (case-sensitive, as ECS names it); numbers are not names.</summary>
    public static bool TryParse(string name, out CloudAction action)
    {
        var index = Array.IndexOf(Names, name);
        action = (CloudAction)Math.Max(index, 0);
        return index >= 0;
    }
}
