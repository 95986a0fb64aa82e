namespace FastScale.Ecs.Signing;

/// <summary>The parts of a V3 <c>Authorization</c> header, for a verifier.</summary>
public sealed record AcsV3Authorization(string AccessKeyId, IReadOnlyList<string> SignedHeaders, string Signature)
{
    /// <summary>
    /// Parses <c>ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…</c>. Tolerates spaces after the commas and
    /// any order of the three fields; each must be present and non-empty.
    /// </summary>
    public static bool TryParse(string? header, out AcsV3Authorization? authorization)
    {
        authorization = null;
        if (header is null || !header.StartsWith(AcsSignatureV3.Algorithm + " ", StringComparison.Ordinal))
        {
            return false;
        }

        string? credential = null, signedHeaders = null, signature = null;
        foreach (var part in header[(AcsSignatureV3.Algorithm.Length + 1)..].Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return false;
            }

            var value = part[(equals + 1)..].Trim();
            switch (part[..equals].Trim())
            {
                case "Credential": credential = value; break;
                case "SignedHeaders": signedHeaders = value; break;
                case "Signature": signature = value; break;
                default: return false;
            }
        }

        if (string.IsNullOrEmpty(credential) || string.IsNullOrEmpty(signedHeaders) || string.IsNullOrEmpty(signature))
        {
            return false;
        }

        authorization = new AcsV3Authorization(credential, signedHeaders.Split(';'), signature);
        return true;
    }
}
