namespace FastScale.Kubernetes.Informers;

public enum InformerChangeType
{
    Added,
    Updated,
    Deleted,
}
