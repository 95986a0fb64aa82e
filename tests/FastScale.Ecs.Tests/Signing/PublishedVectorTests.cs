using FastScale.Ecs.Signing;

namespace FastScale.Ecs.Tests.Signing;

/// <summary>The three signature examples in ECS.md, reproduced step by step.</summary>
public sealed class PublishedVectorTests
{
    [Fact]
    public void V1_PublishedDescribeRegionsGet_ReproducesStringToSignAndSignature()
    {
        KeyValuePair<string, string>[] parameters =
        [
            new("AccessKeyId", "testid"),
            new("Action", "DescribeRegions"),
            new("Format", "XML"),
            new("SignatureMethod", "HMAC-SHA1"),
            new("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
            new("SignatureVersion", "1.0"),
            new("TimeStamp", "2016-02-23T12:46:24Z"),
            new("Version", "2014-05-26"),
        ];

        var stringToSign = AcsSignatureV1.StringToSign("GET", AcsSignatureV1.CanonicalQuery(parameters));

        Assert.Equal(
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1"
            + "%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0"
            + "%26TimeStamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
            stringToSign);
        Assert.Equal("CT9X0VtwR86fNWSnsc6v8YGOjuE=", AcsSignatureV1.Sign(stringToSign, "testsecret"));
        Assert.Equal("CT9X0VtwR86fNWSnsc6v8YGOjuE=", AcsSignatureV1.ComputeSignature("GET", parameters, "testsecret"));
    }

    [Fact]
    public void V1_SignatureParameterPresent_IsLeftOutOfWhatIsSigned()
    {
        KeyValuePair<string, string>[] parameters = [new("Action", "DescribeRegions"), new("Signature", "whatever")];

        Assert.Equal("Action=DescribeRegions", AcsSignatureV1.CanonicalQuery(parameters));
    }

    [Fact]
    public void V3_PublishedRunInstancesExample_ReproducesCanonicalHashAndSignature()
    {
        KeyValuePair<string, string>[] query =
        [
            new("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"),
            new("RegionId", "cn-shanghai"),
        ];
        KeyValuePair<string, string>[] headers =
        [
            new("host", "ecs.cn-shanghai.aliyuncs.com"),
            new("x-acs-action", "RunInstances"),
            new("x-acs-content-sha256", AcsSignatureV3.EmptyBodySha256),
            new("x-acs-date", "2023-10-26T10:22:32Z"),
            new("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
            new("x-acs-version", "2014-05-26"),
        ];

        AssertV3(
            query,
            headers,
            "YourAccessKeySecret",
            expectedSignedHeaders: "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version",
            expectedCanonicalHash: "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259",
            expectedSignature: "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
    }

    [Fact]
    public void V3_CredentialsProviderHeaderAndAwkwardCharacters_ReproducesCanonicalQueryHashAndSignature()
    {
        KeyValuePair<string, string>[] query =
        [
            new("RegionId", "cn-hangzhou"),
            new("ImageId", "img-1"),
            new("InstanceType", "ecs.g7.large"),
            new("Amount", "2"),
            new("Tag.1.Key", "pool"),
            new("Tag.1.Value", "a b*c~(x)!'"),
            new("UserData", "IyEvYmluL3NoCg=="),
            new("ClientToken", "tok-1"),
        ];
        KeyValuePair<string, string>[] headers =
        [
            new("host", "127.0.0.1:8080"),
            new("x-acs-action", "RunInstances"),
            new("x-acs-content-sha256", AcsSignatureV3.EmptyBodySha256),
            new("x-acs-credentials-provider", "static_ak"),
            new("x-acs-date", "2024-01-01T00:00:00Z"),
            new("x-acs-signature-nonce", "nonce-1"),
            new("x-acs-version", "2014-05-26"),
        ];

        Assert.Equal(
            "Amount=2&ClientToken=tok-1&ImageId=img-1&InstanceType=ecs.g7.large&RegionId=cn-hangzhou&Tag.1.Key=pool"
            + "&Tag.1.Value=a%20b%2Ac~%28x%29%21%27&UserData=IyEvYmluL3NoCg%3D%3D",
            AcsSignatureV3.CanonicalQuery(query));
        AssertV3(
            query,
            headers,
            "testsecret",
            expectedSignedHeaders: "host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version",
            expectedCanonicalHash: "8240435d598bba01f197ec69cb382fbf4dd6db79af208b603e0194f4c31cefd9",
            expectedSignature: "0f98b2273d1236bb3262531ad239096a6758567d50746e5e56b06c45150c3d75");
        Assert.Equal(
            "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;"
            + "x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=0f98b2273d1236bb3262531ad239096a6758567d50746e5e56b06c45150c3d75",
            AcsSignatureV3.AuthorizationHeader(
                "testid",
                AcsSignatureV3.SelectSignedHeaders(headers.Select(h => h.Key)),
                "0f98b2273d1236bb3262531ad239096a6758567d50746e5e56b06c45150c3d75"));
    }

    [Fact]
    public void V3_VerifierWithUpperCaseHeaderNamesAndUnsignedExtras_ComputesTheSameSignature()
    {
        KeyValuePair<string, string>[] headers =
        [
            new("Host", "127.0.0.1:8080"),
            new("X-Acs-Action", "RunInstances"),
            new("X-Acs-Content-Sha256", AcsSignatureV3.EmptyBodySha256),
            new("x-acs-credentials-provider", " static_ak "),
            new("x-acs-date", "2024-01-01T00:00:00Z"),
            new("x-acs-signature-nonce", "nonce-1"),
            new("x-acs-version", "2014-05-26"),
            new("accept", "application/json"),
            new("user-agent", "AlibabaCloud (linux; x64) Node.js"),
        ];
        KeyValuePair<string, string>[] query =
        [
            new("UserData", "IyEvYmluL3NoCg=="), new("Tag.1.Value", "a b*c~(x)!'"), new("Tag.1.Key", "pool"),
            new("RegionId", "cn-hangzhou"), new("InstanceType", "ecs.g7.large"), new("ImageId", "img-1"),
            new("ClientToken", "tok-1"), new("Amount", "2"),
        ];
        var named = "host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version".Split(';');

        var signature = AcsSignatureV3.ComputeSignature("POST", "/", query, headers, named, AcsSignatureV3.EmptyBodySha256, "testsecret");

        Assert.True(AcsSignatureV3.SignaturesEqual("0f98b2273d1236bb3262531ad239096a6758567d50746e5e56b06c45150c3d75", signature));
    }

    private static void AssertV3(
        KeyValuePair<string, string>[] query,
        KeyValuePair<string, string>[] headers,
        string secret,
        string expectedSignedHeaders,
        string expectedCanonicalHash,
        string expectedSignature)
    {
        var signed = AcsSignatureV3.SelectSignedHeaders(headers.Select(h => h.Key));
        var canonical = AcsSignatureV3.CanonicalRequest("POST", "/", query, headers, signed, AcsSignatureV3.EmptyBodySha256);
        var stringToSign = AcsSignatureV3.StringToSign(canonical);

        Assert.Equal(expectedSignedHeaders, string.Join(';', signed));
        Assert.Equal(expectedCanonicalHash, AcsSignatureV3.HexSha256(canonical));
        Assert.Equal("ACS3-HMAC-SHA256\n" + expectedCanonicalHash, stringToSign);
        Assert.Equal(expectedSignature, AcsSignatureV3.Sign(stringToSign, secret));
        Assert.Equal(expectedSignature, AcsSignatureV3.ComputeSignature("POST", "/", query, headers, signed, AcsSignatureV3.EmptyBodySha256, secret));
    }
}
