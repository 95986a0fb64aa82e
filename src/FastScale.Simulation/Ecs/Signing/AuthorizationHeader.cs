namespace FastScale.Simulation.Ecs.Signing;

/// <summary><c>ACS3-HMAC-SHA256 Credential=ID,SignedHeaders=a;b,Signature=HEX</c>, parsed.</summary>
internal sealed record AuthorizationHeader(string AccessKeyId, IReadOnlyList<string> SignedHeaders, string Signature)
{
    public static AuthorizationHeader? TryParse(string? value)
    {
        if (value is null || !value.StartsWith(SignatureV3.Algorithm + " ", StringComparison.Ordinal))
        {
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in value[(SignatureV3.Algorithm.Length + 1)..].Split(','))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return null;
            }

            fields[part[..eq].Trim()] = part[(eq + 1)..].Trim();
        }

        if (!fields.TryGetValue("Credential", out var id) || id.Length == 0
            || !fields.TryGetValue("SignedHeaders", out var headers) || headers.Length == 0
            || !fields.TryGetValue("Signature", out var signature) || signature.Length == 0)
        {
            return null;
        }

        return new AuthorizationHeader(id, headers.Split(';'), signature);
    }
}
