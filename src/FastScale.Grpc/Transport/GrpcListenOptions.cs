namespace FastScale.Grpc.Transport;

/// <summary>
/// Where and how the gRPC server listens. With <see cref="KeyFile"/>, <see cref="CertFile"/> and <see cref="CaFile"/>
/// (PEM, the server side of the autoscaler's <c>key</c>/<c>cert</c>/<c>cacert</c> cloud-config) it speaks TLS and
/// requires a client certificate signed by that CA; without them, HTTP/2 cleartext (h2c).
/// </summary>
public sealed class GrpcListenOptions
{
    /// <summary>HOST:PORT. Default 127.0.0.1:8086; port 0 lets the OS choose (tests).</summary>
    public string Listen { get; init; } = "127.0.0.1:8086";

    public string? KeyFile { get; init; }
    public string? CertFile { get; init; }
    public string? CaFile { get; init; }

    public bool UsesTls => KeyFile is not null;

    /// <summary>Every problem at once, each a full sentence naming the flag.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!ListenAddress.TryParse(Listen, out _, out var error))
        {
            problems.Add($"--listen: {error}");
        }

        var given = new[] { ("--key", KeyFile), ("--cert", CertFile), ("--cacert", CaFile) };
        var count = given.Count(g => g.Item2 is not null);
        if (count is > 0 and < 3)
        {
            problems.Add($"--key, --cert and --cacert go together (mTLS); missing: {string.Join(", ", given.Where(g => g.Item2 is null).Select(g => g.Item1))}");
        }

        foreach (var (flag, path) in given)
        {
            if (path is not null && !File.Exists(path))
            {
                problems.Add($"{flag}: file '{path}' does not exist");
            }
        }

        return problems;
    }
}
