namespace FastScale.Engine.Cloud;

/// <summary>Either a value or a <see cref="CloudError"/>.</summary>
public readonly record struct CloudResult<T>
{
    private CloudResult(T? value, CloudError? error) => (Value, Error) = (value, error);

    public T? Value { get; }
    public CloudError? Error { get; }
    public bool IsSuccess => Error is null;

    public static CloudResult<T> Ok(T value) => new(value, null);
    public static CloudResult<T> Fail(CloudError error) => new(default, error);

    public static implicit operator CloudResult<T>(CloudError error) => Fail(error);
}
