using System.Text.Json;

namespace FastScale.Ecs.Credentials;

/// <summary>
/// Finds credentials in the standard Alibaba Cloud environment variables or in a JSON file:
/// <code>{ "access_key_id": "LTAI…", "access_key_secret": "…", "security_token": "…optional…" }</code>
/// A file, when given, wins over the environment. Problems are reported all at once and never quote a value.
/// </summary>
public static class EcsCredentialsLoader
{
    public const string AccessKeyIdVariable = "ALIBABA_CLOUD_ACCESS_KEY_ID";
    public const string AccessKeySecretVariable = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
    public const string SecurityTokenVariable = "ALIBABA_CLOUD_SECURITY_TOKEN";

    public static CredentialsLoadResult Load(IEnvironmentVariables environment, string? filePath) =>
        string.IsNullOrWhiteSpace(filePath) ? FromEnvironment(environment) : FromFile(filePath);

    public static CredentialsLoadResult FromEnvironment(IEnvironmentVariables environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Build(
            environment.Get(AccessKeyIdVariable),
            environment.Get(AccessKeySecretVariable),
            environment.Get(SecurityTokenVariable),
            $"environment variable {AccessKeyIdVariable}",
            $"environment variable {AccessKeySecretVariable}");
    }

    public static CredentialsLoadResult FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return CredentialsLoadResult.Fail([$"credentials file {path}: cannot read it ({ex.GetType().Name})"]);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return CredentialsLoadResult.Fail([$"credentials file {path}: expected a JSON object"]);
            }

            return Build(
                ReadString(document.RootElement, "access_key_id"),
                ReadString(document.RootElement, "access_key_secret"),
                ReadString(document.RootElement, "security_token"),
                $"credentials file {path}: field access_key_id",
                $"credentials file {path}: field access_key_secret");
        }
        catch (JsonException ex)
        {
            // The parser's own message can quote the offending characters, which may be part of the secret.
            return CredentialsLoadResult.Fail([$"credentials file {path}: not valid JSON (line {ex.LineNumber + 1})"]);
        }
    }

    private static string? ReadString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static CredentialsLoadResult Build(string? id, string? secret, string? token, string idSource, string secretSource)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(id))
        {
            problems.Add($"{idSource} is missing or empty");
        }

        if (string.IsNullOrWhiteSpace(secret))
        {
            problems.Add($"{secretSource} is missing or empty");
        }

        return problems.Count > 0
            ? CredentialsLoadResult.Fail(problems)
            : CredentialsLoadResult.Ok(new EcsCredentials(id!.Trim(), secret!.Trim(), token?.Trim()));
    }
}
