namespace FastScale.Tests.Commands;

/// <summary><c>fastscale validate FILE</c> run as its own process, on files with a <c>rollout</c> section.</summary>
public sealed class ValidateCommandTests : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    private const string Policy =
        """
        clusterId: test
        region: cn-hangzhou
        nodeGroups:
          - id: general
            maxSize: 10
            imageId: m-test
            instanceTypes: [ecs.g7.large]
            zones:
              - { zoneId: cn-hangzhou-h, vSwitchId: vsw-h }
            securityGroupId: sg-test
            resources: { cpu: "2", memory: 8Gi, pods: "110" }
            rollout:

        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("fastscale-validate-").FullName;

    [Fact]
    public async Task Validate_RolloutWithErrors_PrintsEachAsFileLineColumn_AndExitsOne()
    {
        var file = Write(Policy + """
                  maxSurge: 0
                  maxUnavailable: 0%
                  onDrainTimeout: later
                  window: { days: [Mon, Someday], start: "02:00", end: "05:00", timeZone: Nowhere/City }

            """);

        using var run = HostProcess.Start("validate", file);

        Assert.True(await run.WaitForExitAsync(ExitTimeout), run.Describe());
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{file}:14:7: nodeGroups[0].rollout.maxUnavailable: maxSurge and maxUnavailable may not both be 0", run.Output);
        Assert.Contains($"{file}:15:7: nodeGroups[0].rollout.onDrainTimeout: expected one of wait, force, got 'later'", run.Output);
        Assert.Contains($"{file}:16:29: nodeGroups[0].rollout.window.days[1]: expected a day name", run.Output);
        Assert.Contains($"{file}:16:69: nodeGroups[0].rollout.window.timeZone: expected an IANA time zone", run.Output);
        Assert.Contains($"{file}: 4 problem(s)", run.Output);
    }

    [Fact]
    public async Task Validate_ValidRollout_ExitsZero()
    {
        var file = Write(Policy + """
                  maxSurge: 2
                  maxUnavailable: 10%
                  drainTimeout: 20m
                  onDrainTimeout: force
                  window: { days: [Sat, Sun], start: "22:00", end: "04:00" }

            """);

        using var run = HostProcess.Start("validate", file);

        Assert.True(await run.WaitForExitAsync(ExitTimeout), run.Describe());
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"{file}: valid", run.Output);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_directory, "policy.yaml");
        File.WriteAllText(path, text);
        return path;
    }
}
