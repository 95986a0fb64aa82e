namespace FastScale.Ecs.Client;

public enum EcsSignatureVersion
{
    /// <summary><c>ACS3-HMAC-SHA256</c> in headers: the official SDK's default.</summary>
    V3,
    /// <summary>Legacy <c>HMAC-SHA1</c> with the common parameters in the query.</summary>
    V1,
}
