using System.Globalization;
using System.Text.Json.Nodes;
using FastScale.Simulation.Cluster;

namespace FastScale.LoadTests.Memory;

/// <summary>
/// The cluster of the memory run, written straight into the simulator's store: a Ready Node for every instance (as its
/// kubelet would register it), and pods shaped as a Deployment's pods are after the API server's defaulting. Every
/// tenth pod stays unbound and is marked Unschedulable by the scheduler (fast mode's demand); the rest are bound
/// round-robin and Running with the status a kubelet reports. Sizes are realistic rather than minimal, because the
/// provider parses every byte of them and keeps what its model reads.
/// The unbound pods ask for a node class no group offers (nodeSelector <c>workload.fastscale.io/class: batch</c>), so
/// fast mode holds them as demand it cannot place and launches nothing: the world stays the size it was seeded.
/// When they were placeable, the provider launched 264 instances for 5,000 pods the seeded nodes had room for, most
/// likely because it knows no node's free room until its bound-pod watch has listed once.
/// </summary>
internal static class MemoryClusterSeed
{
    private const string Time = "2026-01-01T00:00:00Z";

    /// <summary>Every <c>PendingEvery</c>-th pod is pending; the rest are bound.</summary>
    public const int PendingEvery = 10;

    public static int PendingCount(int pods) => (pods + PendingEvery - 1) / PendingEvery;

    public static string NodeName(string instanceId) => $"{MemoryPolicy.Region}.{instanceId}";

    public static void Nodes(ClusterStore store, IReadOnlyList<(string InstanceId, string ZoneId)> instances)
    {
        for (var i = 0; i < instances.Count; i++)
        {
            var (id, zone) = instances[i];
            var name = NodeName(id);
            Check(store.Create(ResourceKind.Nodes, new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = name,
                    ["labels"] = new JsonObject
                    {
                        ["kubernetes.io/hostname"] = name,
                        ["kubernetes.io/os"] = "linux",
                        ["kubernetes.io/arch"] = "amd64",
                        ["beta.kubernetes.io/os"] = "linux",
                        ["beta.kubernetes.io/arch"] = "amd64",
                        ["node.kubernetes.io/instance-type"] = MemoryPolicy.InstanceType,
                        ["topology.kubernetes.io/region"] = MemoryPolicy.Region,
                        ["topology.kubernetes.io/zone"] = zone,
                        ["workload.fastscale.io/class"] = "general",
                    },
                    ["annotations"] = new JsonObject
                    {
                        ["node.alpha.kubernetes.io/ttl"] = "0",
                        ["volumes.kubernetes.io/controller-managed-attach-detach"] = "true",
                    },
                },
                ["spec"] = new JsonObject { ["providerID"] = $"{MemoryPolicy.Region}.{id}", ["podCIDR"] = Cidr(i) },
                ["status"] = new JsonObject
                {
                    ["capacity"] = Resources("2", "8010508Ki", "110"),
                    ["allocatable"] = Resources("1900m", "6961932Ki", "110"),
                    ["conditions"] = new JsonArray(
                        Condition("MemoryPressure", "False", "KubeletHasSufficientMemory"),
                        Condition("DiskPressure", "False", "KubeletHasNoDiskPressure"),
                        Condition("PIDPressure", "False", "KubeletHasSufficientPID"),
                        Condition("Ready", "True", "KubeletReady")),
                    ["addresses"] = new JsonArray(
                        new JsonObject { ["type"] = "InternalIP", ["address"] = Ip(i) },
                        new JsonObject { ["type"] = "Hostname", ["address"] = name }),
                    ["nodeInfo"] = new JsonObject
                    {
                        ["machineID"] = $"{i:x32}", ["systemUUID"] = $"{i:x32}", ["bootID"] = $"{i:x32}",
                        ["kernelVersion"] = "5.10.134-16.al8.x86_64", ["osImage"] = "ContainerOS 3.3",
                        ["containerRuntimeVersion"] = "containerd://1.6.28", ["kubeletVersion"] = "v1.31.1-aliyun.1",
                        ["kubeProxyVersion"] = "v1.31.1-aliyun.1", ["operatingSystem"] = "linux", ["architecture"] = "amd64",
                    },
                },
            }));
        }
    }

    /// <summary>Pods in 20 namespaces from 500 Deployments; bound ones go round-robin over <paramref name="nodeNames"/>.</summary>
    public static void Pods(ClusterStore store, int count, IReadOnlyList<string> nodeNames)
    {
        var bound = 0;
        for (var i = 0; i < count; i++)
        {
            var ns = string.Create(CultureInfo.InvariantCulture, $"team-{i % 20}");
            var app = string.Create(CultureInfo.InvariantCulture, $"app-{i % 500}");
            var name = string.Create(CultureInfo.InvariantCulture, $"{app}-7d9f8b6c5d-{i:x6}");
            var pending = i % PendingEvery == 0;
            Check(store.Create(ResourceKind.Pods, Pod(ns, app, name, pending), ns));
            if (pending)
            {
                Check(store.Patch(ResourceKind.Pods, ns, name, PatchType.Merge, Unschedulable(), statusSubresource: true));
                continue;
            }

            var node = nodeNames[bound++ % nodeNames.Count];
            Check(store.Bind(ns, name, node));
            Check(store.Patch(ResourceKind.Pods, ns, name, PatchType.Merge, Running(i), statusSubresource: true));
        }
    }

    private static JsonObject Pod(string ns, string app, string name, bool pending) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["generateName"] = $"{app}-7d9f8b6c5d-",
            ["labels"] = new JsonObject { ["app"] = app, ["pod-template-hash"] = "7d9f8b6c5d", ["team"] = ns },
            ["annotations"] = new JsonObject { ["kubectl.kubernetes.io/restartedAt"] = Time },
            ["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = "apps/v1", ["kind"] = "ReplicaSet", ["name"] = $"{app}-7d9f8b6c5d",
                ["uid"] = "5d3a7c1e-0000-4000-8000-000000000000", ["controller"] = true, ["blockOwnerDeletion"] = true,
            }),
        },
        ["spec"] = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = "app",
                ["image"] = $"registry.example/{ns}/{app}:1.4.2",
                ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["containerPort"] = 8080, ["protocol"] = "TCP" }),
                ["env"] = new JsonArray(
                    new JsonObject { ["name"] = "APP_NAME", ["value"] = app },
                    new JsonObject { ["name"] = "POD_NAME", ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["apiVersion"] = "v1", ["fieldPath"] = "metadata.name" } } }),
                ["resources"] = new JsonObject
                {
                    ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "128Mi" },
                    ["limits"] = new JsonObject { ["memory"] = "256Mi" },
                },
                ["readinessProbe"] = new JsonObject
                {
                    ["httpGet"] = new JsonObject { ["path"] = "/healthz", ["port"] = 8080, ["scheme"] = "HTTP" },
                    ["periodSeconds"] = 10, ["timeoutSeconds"] = 1, ["successThreshold"] = 1, ["failureThreshold"] = 3,
                },
                ["volumeMounts"] = new JsonArray(new JsonObject
                {
                    ["name"] = "kube-api-access", ["readOnly"] = true, ["mountPath"] = "/var/run/secrets/kubernetes.io/serviceaccount",
                }),
                ["terminationMessagePath"] = "/dev/termination-log",
                ["terminationMessagePolicy"] = "File",
                ["imagePullPolicy"] = "IfNotPresent",
            }),
            ["volumes"] = new JsonArray(new JsonObject
            {
                ["name"] = "kube-api-access",
                ["projected"] = new JsonObject { ["defaultMode"] = 420, ["sources"] = new JsonArray(new JsonObject { ["serviceAccountToken"] = new JsonObject { ["expirationSeconds"] = 3607, ["path"] = "token" } }) },
            }),
            ["nodeSelector"] = new JsonObject { ["workload.fastscale.io/class"] = pending ? "batch" : "general" },
            ["restartPolicy"] = "Always",
            ["terminationGracePeriodSeconds"] = 30,
            ["dnsPolicy"] = "ClusterFirst",
            ["serviceAccountName"] = "default",
            ["schedulerName"] = "default-scheduler",
            ["priority"] = 0,
            ["enableServiceLinks"] = true,
            ["preemptionPolicy"] = "PreemptLowerPriority",
            ["tolerations"] = new JsonArray(
                new JsonObject { ["key"] = "node.kubernetes.io/not-ready", ["operator"] = "Exists", ["effect"] = "NoExecute", ["tolerationSeconds"] = 300 },
                new JsonObject { ["key"] = "node.kubernetes.io/unreachable", ["operator"] = "Exists", ["effect"] = "NoExecute", ["tolerationSeconds"] = 300 }),
        },
    };

    private static JsonObject Unschedulable() => new()
    {
        ["status"] = new JsonObject
        {
            ["phase"] = "Pending",
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "PodScheduled", ["status"] = "False", ["reason"] = "Unschedulable", ["lastTransitionTime"] = Time,
                ["message"] = "0/5000 nodes are available: 5000 node(s) didn't match Pod's node affinity/selector. preemption: 0/5000 nodes are available: 5000 Preemption is not helpful for scheduling.",
            }),
        },
    };

    private static JsonObject Running(int i) => new()
    {
        ["status"] = new JsonObject
        {
            ["phase"] = "Running",
            ["conditions"] = new JsonArray(
                PodCondition("PodReadyToStartContainers"), PodCondition("Initialized"), PodCondition("Ready"),
                PodCondition("ContainersReady"), PodCondition("PodScheduled")),
            ["hostIP"] = Ip(i % 5000),
            ["podIP"] = Ip(100_000 + i),
            ["startTime"] = Time,
            ["qosClass"] = "Burstable",
            ["containerStatuses"] = new JsonArray(new JsonObject
            {
                ["name"] = "app", ["ready"] = true, ["started"] = true, ["restartCount"] = 0,
                ["image"] = "registry.example/app:1.4.2",
                ["imageID"] = "registry.example/app@sha256:3f1c4e0b2a9d8c7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e",
                ["containerID"] = $"containerd://{i:x64}",
                ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = Time } },
            }),
        },
    };

    private static JsonObject PodCondition(string type) => new() { ["type"] = type, ["status"] = "True", ["lastTransitionTime"] = Time };

    private static JsonObject Resources(string cpu, string memory, string pods) =>
        new() { ["cpu"] = cpu, ["memory"] = memory, ["pods"] = pods, ["ephemeral-storage"] = "41152812Ki" };

    private static JsonObject Condition(string type, string status, string reason) => new()
    {
        ["type"] = type, ["status"] = status, ["reason"] = reason, ["lastHeartbeatTime"] = Time, ["lastTransitionTime"] = Time,
    };

    private static string Ip(int i) => string.Create(CultureInfo.InvariantCulture, $"10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}");

    private static string Cidr(int i) => string.Create(CultureInfo.InvariantCulture, $"172.{16 + i / 256 % 16}.{i % 256}.0/24");

    private static void Check(StoreResult result)
    {
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"seeding the cluster simulator failed: {result.Error}");
        }
    }
}
