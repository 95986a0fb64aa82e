namespace FastScale.Engine.NodeGroups;

/// <summary>A value or an <see cref="EngineError"/>: expected refusals are values, not exceptions.</summary>
public readonly record struct EngineResult<T>
{
    private EngineResult(T? value, EngineError? error) => (Value, Error) = (value, error);

    public T? Value { get; }
    public EngineError? Error { get; }

    public static EngineResult<T> Ok(T value) => new(value, null);

    public static implicit operator EngineResult<T>(EngineError error) => new(default, error);
}
