using System.Diagnostics.CodeAnalysis;

namespace FastScale.Kubernetes.Client;

/// <summary>An API call's outcome: a value or an <see cref="KubernetesApiError"/>. Expected failures (404, 409, 410)
/// are values the caller switches on, not exceptions.</summary>
public readonly record struct KubernetesResult<T>
{
    private KubernetesResult(T? value, KubernetesApiError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }
    public KubernetesApiError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static KubernetesResult<T> Success(T value) => new(value, null);

    public static KubernetesResult<T> Failure(KubernetesApiError error) => new(default, error);

    /// <summary>For callers to whom any failure is fatal.</summary>
    public T GetValueOrThrow() => IsSuccess ? Value! : throw new KubernetesApiException(Error);

    public static implicit operator KubernetesResult<T>(KubernetesApiError error) => Failure(error);

    public override string ToString() => IsSuccess ? $"Success({Value})" : $"Failure({Error})";
}
