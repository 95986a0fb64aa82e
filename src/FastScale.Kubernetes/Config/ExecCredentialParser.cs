using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace FastScale.Kubernetes.Config;

/// <summary>Reads the ExecCredential a plugin printed. Errors never quote the output: it holds the secret.</summary>
internal static class ExecCredentialParser
{
    public static ExecCredential Parse(string output, ExecPluginConfig config)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(output);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw Failure(config, $"printed no ExecCredential JSON ({e.Message.Split(" Path:")[0]})");
        }

        if (root.ValueKind != JsonValueKind.Object || String(root, "kind") != "ExecCredential")
        {
            throw Failure(config, "printed JSON that is not kind ExecCredential");
        }

        var apiVersion = String(root, "apiVersion");
        if (apiVersion != config.ApiVersion)
        {
            throw Failure(config, $"is configured for {config.ApiVersion} and returned apiVersion '{apiVersion}'");
        }

        if (!root.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Object)
        {
            throw Failure(config, "returned an ExecCredential with no status");
        }

        var token = String(status, "token");
        var certificatePem = String(status, "clientCertificateData");
        var keyPem = String(status, "clientKeyData");
        if (string.IsNullOrEmpty(certificatePem) != string.IsNullOrEmpty(keyPem))
        {
            throw Failure(config, "returned only one of status.clientCertificateData and status.clientKeyData");
        }

        X509Certificate2? certificate = null;
        if (!string.IsNullOrEmpty(certificatePem))
        {
            try
            {
                certificate = X509Certificate2.CreateFromPem(certificatePem, keyPem);
            }
            catch (CryptographicException e)
            {
                throw Failure(config, $"returned a client certificate and key that do not load as a PEM pair ({e.Message})");
            }
        }
        else if (string.IsNullOrEmpty(token))
        {
            throw Failure(config, "returned neither status.token nor status.clientCertificateData/clientKeyData");
        }

        DateTimeOffset? expiresAt = null;
        var expiry = String(status, "expirationTimestamp");
        if (!string.IsNullOrEmpty(expiry))
        {
            if (!DateTimeOffset.TryParse(expiry, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                throw Failure(config, $"returned status.expirationTimestamp '{expiry}', which is not an RFC 3339 time");
            }

            expiresAt = parsed;
        }

        return new ExecCredential(string.IsNullOrEmpty(token) ? null : token, certificate, expiresAt);
    }

    public static HttpRequestException Failure(ExecPluginConfig config, string what) =>
        new($"{config.Source}: exec plugin {config.Command} {what}");

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
