using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FastScale.Simulation.Ecs.Sts;
using FastScale.Simulation.Ecs.Wire;

namespace FastScale.Simulation.Ecs.Signing;

/// <summary>
/// Checks a request the way ECS does: V3 (<c>Authorization: ACS3-HMAC-SHA256 …</c>) or V1 (<c>Signature</c> in the
/// parameters); then the key, the clock (±15 minutes of the emulator's clock), the signature, and last the nonce, so a
/// forged request cannot burn a legitimate caller's nonce. A temporary key (issued by the emulated STS or metadata service)
/// must also carry its security token and be unexpired on the emulator's clock.
/// </summary>
internal sealed class RequestAuthenticator(
    IReadOnlyDictionary<string, string> secretsByKeyId, TimeProvider time, TimeSpan maxClockSkew, TemporaryKeyStore? temporaryKeys = null)
{
    /// <summary>Headers a V3 request must sign: without them a replay or a tampered action would still verify.</summary>
    private static readonly string[] RequiredSignedHeaders =
        ["host", "x-acs-action", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"];

    private readonly NonceRegistry _nonces = new(maxClockSkew);

    public EcsError? Authenticate(EcsWireRequest request, IReadOnlyList<KeyValuePair<string, string>> query, IReadOnlyList<KeyValuePair<string, string>> form)
    {
        var authorization = request.Header("Authorization");
        if (authorization is not null)
        {
            return AuthorizationHeader.TryParse(authorization) is { } header
                ? VerifyV3(request, query, header)
                : EcsErrors.Unsigned("the Authorization header is not ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…");
        }

        var all = query.Concat(form).ToList();
        return all.Any(p => p.Key == "Signature")
            ? VerifyV1(request, all)
            : EcsErrors.Unsigned("neither an Authorization header nor a Signature parameter");
    }

    private EcsError? VerifyV3(EcsWireRequest request, IReadOnlyList<KeyValuePair<string, string>> query, AuthorizationHeader header)
    {
        var missing = RequiredSignedHeaders.Where(h => !header.SignedHeaders.Contains(h)).ToList();
        if (missing.Count > 0)
        {
            return EcsErrors.Unsigned($"SignedHeaders must include {string.Join(", ", missing)}");
        }

        if (SecretOf(header.AccessKeyId, out var temporary) is not { } secret)
        {
            return EcsErrors.UnknownAccessKey(header.AccessKeyId);
        }

        if (CheckClock(request.Header("x-acs-date")) is { } clockError)
        {
            return clockError;
        }

        var signed = new List<KeyValuePair<string, string>>();
        foreach (var name in header.SignedHeaders)
        {
            var value = request.Header(name);
            if (value is null)
            {
                return EcsErrors.Unsigned($"signed header {name} is not in the request");
            }

            signed.Add(new(name.ToLowerInvariant(), value));
        }

        var canonical = SignatureV3.CanonicalRequest(request.Method, request.Path, query, signed, SignatureV3.HexSha256(request.Body));
        var stringToSign = SignatureV3.StringToSign(canonical);
        if (!SameText(SignatureV3.Sign(secret, stringToSign), header.Signature))
        {
            return EcsErrors.SignatureMismatch(stringToSign);
        }

        return CheckSecurityToken(temporary, request.Header("x-acs-security-token")) ?? UseNonce(request.Header("x-acs-signature-nonce"));
    }

    private EcsError? VerifyV1(EcsWireRequest request, List<KeyValuePair<string, string>> parameters)
    {
        string? Get(string name) => parameters.LastOrDefault(p => p.Key == name).Value;

        var keyId = Get("AccessKeyId");
        if (string.IsNullOrEmpty(keyId))
        {
            return EcsErrors.Missing("AccessKeyId");
        }

        if (Get("SignatureMethod") is { } method && method != "HMAC-SHA1")
        {
            return EcsErrors.Invalid("SignatureMethod", "HMAC-SHA1");
        }

        if (SecretOf(keyId, out var temporary) is not { } secret)
        {
            return EcsErrors.UnknownAccessKey(keyId);
        }

        if (CheckClock(Get("Timestamp")) is { } clockError)
        {
            return clockError;
        }

        var stringToSign = SignatureV1.StringToSign(request.Method, parameters.Where(p => p.Key != "Signature"));
        if (!SameText(SignatureV1.Sign(secret, stringToSign), Get("Signature")!))
        {
            return EcsErrors.SignatureMismatch(stringToSign);
        }

        return CheckSecurityToken(temporary, Get("SecurityToken")) ?? UseNonce(Get("SignatureNonce"));
    }

    private string? SecretOf(string accessKeyId, out IssuedKey? temporary)
    {
        temporary = temporaryKeys?.Find(accessKeyId);
        return temporary?.AccessKeySecret ?? secretsByKeyId.GetValueOrDefault(accessKeyId);
    }

    /// <summary>After the signature, so only the key's holder learns that its token expired.</summary>
    private EcsError? CheckSecurityToken(IssuedKey? temporary, string? sent)
    {
        if (temporary is null)
        {
            return null;
        }

        if (string.IsNullOrEmpty(sent))
        {
            return StsErrors.TokenMissing();
        }

        if (!SameText(temporary.SecurityToken, sent))
        {
            return StsErrors.TokenMismatch();
        }

        return time.GetUtcNow() >= temporary.Expiration ? StsErrors.TokenExpired() : null;
    }

    private EcsError? CheckClock(string? value)
    {
        if (value is null || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var stamp))
        {
            return EcsErrors.TimestampFormat(value);
        }

        return (time.GetUtcNow() - stamp).Duration() > maxClockSkew ? EcsErrors.TimestampExpired(value) : null;
    }

    private EcsError? UseNonce(string? nonce)
    {
        if (string.IsNullOrEmpty(nonce))
        {
            return EcsErrors.Missing("SignatureNonce");
        }

        return _nonces.TryUse(nonce, time.GetUtcNow()) ? null : EcsErrors.NonceUsed(nonce);
    }

    private static bool SameText(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
