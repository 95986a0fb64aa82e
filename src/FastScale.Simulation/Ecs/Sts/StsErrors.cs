using FastScale.Simulation.Ecs.Wire;

namespace FastScale.Simulation.Ecs.Sts;

/// <summary>
/// Errors of the emulated STS and of ECS's security-token check, with the codes the services answer: Alibaba Cloud's API
/// error tables list <c>InvalidSecurityToken.Expired</c> as 403 "Specified SecurityToken is expired."; the official
/// credentials SDKs' tests expect <c>AuthenticationFail.OIDCToken.Invalid</c> for a bad OIDC token.
/// </summary>
internal static class StsErrors
{
    public static EcsError TokenExpired() => new(403, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.");

    public static EcsError TokenMismatch() =>
        new(400, "InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the AccessKey.");

    public static EcsError TokenMissing() =>
        new(400, "MissingSecurityToken", "The AccessKey is temporary: the request must carry its SecurityToken.");

    public static EcsError OidcTokenInvalid() => new(400, "AuthenticationFail.OIDCToken.Invalid", "The OIDCToken is invalid.");

    public static EcsError RoleNotFound(string roleArn) => new(404, "EntityNotExist.Role", $"The role not exists: {roleArn}.");

    public static EcsError ProviderNotFound(string arn) => new(404, "EntityNotExist.OIDCProvider", $"The OIDC provider not exists: {arn}.");

    public static EcsError Disabled() => new(404, "InvalidAction.NotFound", "AssumeRoleWithOIDC is not configured in this emulator.");
}
