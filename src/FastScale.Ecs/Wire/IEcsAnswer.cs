namespace FastScale.Ecs.Wire;

/// <summary>Every successful ECS answer names its request, which support tickets and our logs quote.</summary>
internal interface IEcsAnswer
{
    string? RequestId { get; }
}
