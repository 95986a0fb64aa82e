namespace FastScale.Burst;

/// <summary>
/// The policy types are plain mutable classes shared with the caller: a scenario, or a sweep's value, changes a copy so
/// that one run's change never leaks into the next run's policy.
/// </summary>
internal static class PolicyCopy
{
    /// <summary>A new object with every read-write property of <paramref name="source"/> (nested objects shared, not copied).</summary>
    public static T Shallow<T>(T source)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(source);
        var copy = new T();
        foreach (var property in typeof(T).GetProperties().Where(p => p is { CanRead: true, CanWrite: true }))
        {
            property.SetValue(copy, property.GetValue(source));
        }

        return copy;
    }
}
