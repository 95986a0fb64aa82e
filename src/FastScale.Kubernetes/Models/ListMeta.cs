namespace FastScale.Kubernetes.Models;

public sealed record ListMeta
{
    public string? ResourceVersion { get; init; }

    /// <summary>Set when the server has more items; pass it back as <c>continue</c> to get the next page.</summary>
    public string? Continue { get; init; }

    public long? RemainingItemCount { get; init; }
}
