using FastScale.Ecs.Credentials;
using FastScale.Ecs.Tests.Support;

namespace FastScale.Ecs.Tests.Credentials;

public sealed class EcsCredentialsLoaderTests : IDisposable
{
    private const string Secret = "very-secret-value-42";
    private readonly string _directory = Directory.CreateTempSubdirectory("fastscale-creds-").FullName;

    [Fact]
    public void FromEnvironment_KeyAndSecret_LoadsThem()
    {
        var result = EcsCredentialsLoader.FromEnvironment(Env(("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIabc"), ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", Secret)));

        Assert.True(result.IsSuccess);
        Assert.Equal("LTAIabc", result.Credentials!.AccessKeyId);
        Assert.Equal(Secret, result.Credentials.AccessKeySecret);
        Assert.False(result.Credentials.HasSecurityToken);
    }

    [Fact]
    public void FromEnvironment_WithSecurityToken_KeepsTheToken()
    {
        var result = EcsCredentialsLoader.FromEnvironment(Env(
            ("ALIBABA_CLOUD_ACCESS_KEY_ID", "STS.id"), ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", Secret), ("ALIBABA_CLOUD_SECURITY_TOKEN", "tok")));

        Assert.Equal("tok", result.Credentials!.SecurityToken);
    }

    [Fact]
    public void FromEnvironment_NothingSet_ReportsBothVariables()
    {
        var result = EcsCredentialsLoader.FromEnvironment(Env());

        Assert.False(result.IsSuccess);
        Assert.Equal(2, result.Problems.Count);
        Assert.Contains(result.Problems, p => p.Contains("ALIBABA_CLOUD_ACCESS_KEY_ID", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET", StringComparison.Ordinal));
    }

    [Fact]
    public void FromFile_JsonWithAllFields_LoadsThem()
    {
        var path = Write("""{ "access_key_id": "LTAIfile", "access_key_secret": "very-secret-value-42", "security_token": "tok" }""");

        var result = EcsCredentialsLoader.FromFile(path);

        Assert.True(result.IsSuccess);
        Assert.Equal("LTAIfile", result.Credentials!.AccessKeyId);
        Assert.Equal(Secret, result.Credentials.AccessKeySecret);
        Assert.Equal("tok", result.Credentials.SecurityToken);
    }

    [Fact]
    public void Load_FileGiven_WinsOverEnvironment()
    {
        var path = Write("""{ "access_key_id": "from-file", "access_key_secret": "s" }""");

        var result = EcsCredentialsLoader.Load(Env(("ALIBABA_CLOUD_ACCESS_KEY_ID", "from-env"), ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s")), path);

        Assert.Equal("from-file", result.Credentials!.AccessKeyId);
    }

    [Fact]
    public void FromFile_SecretMissing_NamesTheFieldAndFile()
    {
        var path = Write("""{ "access_key_id": "LTAIfile" }""");

        var problem = Assert.Single(EcsCredentialsLoader.FromFile(path).Problems);

        Assert.Contains("access_key_secret", problem, StringComparison.Ordinal);
        Assert.Contains(path, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FromFile_MissingFile_IsAProblemNotAnException()
    {
        var result = EcsCredentialsLoader.FromFile(Path.Combine(_directory, "absent.json"));

        Assert.False(result.IsSuccess);
        Assert.Contains("cannot read", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void FromFile_BrokenJsonAroundTheSecret_DoesNotQuoteTheSecret()
    {
        var path = Write("""{ "access_key_id": "id", "access_key_secret": very-secret-value-42 }""");

        var problem = Assert.Single(EcsCredentialsLoader.FromFile(path).Problems);

        Assert.Contains("not valid JSON", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("very", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_CredentialsWithToken_ShowsIdButNeitherSecretNorToken()
    {
        var credentials = new EcsCredentials("LTAIabc", Secret, "token-value-xyz");

        var text = credentials.ToString();

        Assert.Contains("LTAIabc", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("token-value-xyz", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, $"{credentials}", StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_EmptySecret_ThrowsWithoutQuotingAnything()
    {
        var ex = Assert.Throws<ArgumentException>(() => new EcsCredentials("id", " "));

        Assert.Equal("accessKeySecret", ex.ParamName);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static DictionaryEnvironment Env(params (string Name, string Value)[] variables) =>
        new(variables.ToDictionary(v => v.Name, v => v.Value));

    private string Write(string json)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }
}
