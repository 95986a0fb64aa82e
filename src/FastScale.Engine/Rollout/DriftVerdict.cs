namespace FastScale.Engine.Rollout;

/// <summary>
/// What <see cref="DriftDetector"/> found for one instance. <see cref="TemplateKnown"/> is false when the instance has
/// no template-hash tag (launched before it existed): labels and taints could not be compared, and only its facts
/// (image, security group, type, zone) were judged.
/// </summary>
public sealed record DriftVerdict(DriftReasons Reasons, bool TemplateKnown)
{
    public bool IsDrifted => Reasons != DriftReasons.None;

    /// <summary>Nothing is known of the instance (a failed slot, or no origin recorded): never counted as drifted.</summary>
    public static DriftVerdict Unknown { get; } = new(DriftReasons.None, TemplateKnown: false);
}
