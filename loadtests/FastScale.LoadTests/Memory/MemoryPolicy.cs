using System.Globalization;
using System.Text;

namespace FastScale.LoadTests.Memory;

/// <summary>
/// The files the provider under test is started with: a scale policy whose groups hold every seeded instance, and a
/// kubeconfig for the cluster simulator. Written as a user would write them, so the provider parses and validates them
/// exactly as in a deployment.
/// </summary>
internal static class MemoryPolicy
{
    public const string ClusterId = "memory-load";
    public const string Region = "cn-hangzhou";
    public const string ImageId = "m-bp1g7004ksh0oeuc4z6c";
    public const string InstanceType = "ecs.g7.large";
    public const string SecurityGroupId = "sg-bp1memoryload00000001";

    /// <summary>Instances per group: the sample policy's largest group holds 1,000.</summary>
    public const int GroupSize = 1000;

    public static IReadOnlyList<(string ZoneId, string VSwitchId)> Zones { get; } =
    [
        ("cn-hangzhou-h", "vsw-bp1memoryloadh000001"),
        ("cn-hangzhou-i", "vsw-bp1memoryloadi000001"),
    ];

    public static int GroupCount(int instances) => Math.Max(1, (instances + GroupSize - 1) / GroupSize);

    public static string GroupId(int index) => string.Create(CultureInfo.InvariantCulture, $"general-{index}");

    /// <summary>
    /// One group per 1,000 instances, each allowed twice that, no warm pool (it would create instances during the run),
    /// repair on as deployed. Fast mode is on: the unschedulable pods are planned onto the seeded nodes' free room.
    /// </summary>
    public static string Yaml(int instances)
    {
        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"""
            clusterId: {ClusterId}
            region: {Region}
            provider:
              fastMode: true
            nodeGroups:

            """);
        for (var g = 0; g < GroupCount(instances); g++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $$"""
                  - id: {{GroupId(g)}}
                    minSize: 0
                    maxSize: {{2 * GroupSize}}
                    imageId: {{ImageId}}
                    imageKind: prebaked
                    instanceTypes: [{{InstanceType}}]
                    zones:
                      - { zoneId: {{Zones[0].ZoneId}}, vSwitchId: {{Zones[0].VSwitchId}} }
                      - { zoneId: {{Zones[1].ZoneId}}, vSwitchId: {{Zones[1].VSwitchId}} }
                    securityGroupId: {{SecurityGroupId}}
                    labels:
                      workload.fastscale.io/class: general
                    resources: { cpu: "2", memory: 8Gi, pods: "110", ephemeralStorage: 40Gi }
                    reserved: { cpu: 100m, memory: 1Gi }
                    warmPool: { size: 0 }
                    repair: { enabled: true }

                """);
        }

        return yaml.ToString();
    }

    public static string Kubeconfig(Uri server) => $"""
        apiVersion: v1
        kind: Config
        current-context: simulator
        clusters:
        - name: simulator
          cluster:
            server: {server.ToString().TrimEnd('/')}
        contexts:
        - name: simulator
          context:
            cluster: simulator
            user: provider
        users:
        - name: provider
          user:
            token: memory-load
        """;
}
