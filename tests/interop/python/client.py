#!/usr/bin/python3
"""A second real gRPC peer for FastScale's CloudProvider service: Debian's python3-grpcio, with stubs generated at run
time from the repository's protos/ by grpc_tools.protoc (Debian's python3-grpc-tools).

    /usr/bin/python3 client.py ADDRESS [--ca FILE --key FILE --cert FILE]

Expects a freshly started server with the embedded policy (deploy/policy.yaml). Prints "ok <check>" per passed check and
exits 1 on the first failure with "FAIL <check>: why".
"""
import argparse
import importlib
import os
import sys
import tempfile
import time

try:
    import grpc
    import grpc_tools
    from grpc_tools import protoc
except ImportError as missing:
    sys.exit(f"FAIL setup: {missing}; install Debian's packages: apt-get install python3-grpcio python3-grpc-tools python3-protobuf")

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
PROTOS = os.path.join(REPO, "protos")
DEADLINE = 5.0  # what the autoscaler gives every call
NS = 1_000_000_000


def generate_stubs(out_dir):
    """Compiles our protos into out_dir and imports the modules; fails loudly if protoc does."""
    files = [
        "externalgrpc/externalgrpc.proto",
        "k8s.io/api/core/v1/generated.proto",
        "k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto",
        "k8s.io/apimachinery/pkg/api/resource/generated.proto",
    ]
    well_known = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    code = protoc.main(["protoc", f"-I{PROTOS}", f"-I{well_known}", f"--python_out={out_dir}",
                        f"--grpc_python_out={out_dir}", *files])
    if code != 0:
        sys.exit(f"FAIL setup: grpc_tools.protoc exited {code} on {PROTOS}")
    sys.path.insert(0, out_dir)
    return (importlib.import_module("externalgrpc.externalgrpc_pb2"),
            importlib.import_module("externalgrpc.externalgrpc_pb2_grpc"),
            importlib.import_module("k8s.io.api.core.v1.generated_pb2"),
            importlib.import_module("k8s.io.apimachinery.pkg.apis.meta.v1.generated_pb2"))


class Checks:
    def __init__(self, stub, pb, core, meta):
        self.stub, self.pb, self.core, self.meta = stub, pb, core, meta
        self.name = "start"

    def check(self, name, body):
        self.name = name
        value = body()
        print(f"ok {name}", flush=True)
        return value

    def expect_code(self, code, call, request):
        try:
            response = call(request, timeout=DEADLINE)
        except grpc.RpcError as error:
            assert error.code() == code, f"expected {code.name}, got {error.code().name}: {error.details()}"
            assert error.details(), "the status carries no message"
            return
        raise AssertionError(f"expected {code.name}, got OK: {response}")

    def target(self, group):
        return self.stub.NodeGroupTargetSize(self.pb.NodeGroupTargetSizeRequest(id=group), timeout=DEADLINE).targetSize

    def instances(self, group):
        return list(self.stub.NodeGroupNodes(self.pb.NodeGroupNodesRequest(id=group), timeout=DEADLINE).instances)

    def group_for(self, **node):
        request = self.pb.NodeGroupForNodeRequest(node=self.pb.ExternalGrpcNode(**node))
        return self.stub.NodeGroupForNode(request, timeout=DEADLINE).nodeGroup.id

    def run(self):
        pb, stub = self.pb, self.stub
        self.check("ready", self.wait_until_recovered)
        self.check("NodeGroups", self.node_groups)
        self.check("NodeGroupTemplateNodeInfo", self.template)
        self.check("NodeGroupGetOptions.deprecated-defaults-answered-in-both-generations", self.options)
        self.check("NodeGroupTargetSize.unknown-group-NOT_FOUND", lambda: self.expect_code(
            grpc.StatusCode.NOT_FOUND, stub.NodeGroupTargetSize, pb.NodeGroupTargetSizeRequest(id="no-such-group")))
        self.check("NodeGroupIncreaseSize.delta-0-INVALID_ARGUMENT", lambda: self.expect_code(
            grpc.StatusCode.INVALID_ARGUMENT, stub.NodeGroupIncreaseSize, pb.NodeGroupIncreaseSizeRequest(id="general", delta=0)))
        self.check("NodeGroupIncreaseSize.unknown-group-NOT_FOUND", lambda: self.expect_code(
            grpc.StatusCode.NOT_FOUND, stub.NodeGroupIncreaseSize, pb.NodeGroupIncreaseSizeRequest(id="no-such-group", delta=1)))
        self.check("NodeGroupIncreaseSize.delta-1", self.increase)
        instance = self.check("NodeGroupNodes.launched-instance", self.launched_instance)
        self.check("NodeGroupForNode.providerID", lambda: self.expect_equal(
            self.group_for(providerID=instance.id, name="node-a"), "general"))
        bare = instance.id.split(".", 1)[1]
        self.check("NodeGroupForNode.bare-instance-id", lambda: self.expect_equal(self.group_for(providerID=bare, name=bare), "general"))
        self.check("NodeGroupForNode.unknown-node-empty-id", lambda: self.expect_equal(
            self.group_for(providerID="cn-hangzhou.i-notours0000000", name="stranger"), ""))
        self.check("NodeGroupNodes.unknown-group-NOT_FOUND", lambda: self.expect_code(
            grpc.StatusCode.NOT_FOUND, stub.NodeGroupNodes, pb.NodeGroupNodesRequest(id="no-such-group")))

    @staticmethod
    def expect_equal(actual, expected):
        assert actual == expected, f"expected {expected!r}, got {actual!r}"

    def wait_until_recovered(self):
        # Until the node groups are rebuilt from the cloud, per-group calls answer UNAVAILABLE: retry, bounded.
        until = time.monotonic() + 30
        while True:
            try:
                return self.target("general")
            except grpc.RpcError as error:
                if error.code() != grpc.StatusCode.UNAVAILABLE or time.monotonic() > until:
                    raise
                time.sleep(0.1)

    def node_groups(self):
        groups = self.stub.NodeGroups(self.pb.NodeGroupsRequest(), timeout=DEADLINE).nodeGroups
        self.expect_equal([(g.id, g.minSize, g.maxSize) for g in groups], [("general", 0, 1000), ("gpu", 0, 20)])

    def template(self):
        answer = self.stub.NodeGroupTemplateNodeInfo(self.pb.NodeGroupTemplateNodeInfoRequest(id="general"), timeout=DEADLINE)
        node = self.core.Node.FromString(answer.nodeBytes)
        assert answer.HasField("nodeInfo"), "nodeInfo (field 1) is not set"
        self.expect_equal(answer.nodeInfo, node)
        labels = node.metadata.labels
        for key, value in {"kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
                           "node.kubernetes.io/instance-type": "ecs.g7.large", "topology.kubernetes.io/region": "cn-hangzhou",
                           "topology.kubernetes.io/zone": "cn-hangzhou-h"}.items():
            self.expect_equal(labels[key], value)
        capacity = {k: v.string for k, v in node.status.capacity.items()}
        self.expect_equal(capacity, {"cpu": "2", "memory": "8Gi", "pods": "110", "ephemeral-storage": "40Gi"})

    def options(self):
        Duration = self.meta.Duration  # k8s.io.apimachinery.pkg.apis.meta.v1.Duration: int64 nanoseconds
        defaults = self.pb.NodeGroupAutoscalingOptions(
            scaleDownUtilizationThreshold=0.42,
            scaleDownUnneededTime=Duration(duration=11 * 60 * NS),
            scaleDownUnreadyTime=Duration(duration=17 * 60 * NS),
            MaxNodeProvisionTime=Duration(duration=13 * 60 * NS))
        request = self.pb.NodeGroupAutoscalingOptionsRequest(id="gpu", defaults=defaults)
        answer = self.stub.NodeGroupGetOptions(request, timeout=DEADLINE).nodeGroupAutoscalingOptions
        self.expect_equal(answer.scaleDownUtilizationThreshold, 0.42)
        self.expect_equal(answer.scaleDownGpuUtilizationThreshold, 0.3)
        # gpu's policy: unneeded 5m and max provision 20m; unready comes from the caller's 17m.
        for old, new, minutes in [("scaleDownUnneededTime", "scaleDownUnneededDuration", 5),
                                  ("scaleDownUnreadyTime", "scaleDownUnreadyDuration", 17),
                                  ("MaxNodeProvisionTime", "MaxNodeProvisionDuration", 20)]:
            assert answer.HasField(old) and answer.HasField(new), f"{old} / {new} not both set"
            self.expect_equal(getattr(answer, old).duration, minutes * 60 * NS)
            self.expect_equal(getattr(answer, new).ToSeconds(), minutes * 60)

    def increase(self):
        self.stub.NodeGroupIncreaseSize(self.pb.NodeGroupIncreaseSizeRequest(id="general", delta=1), timeout=DEADLINE)
        self.expect_equal(self.target("general"), 1)

    def launched_instance(self):
        running = self.pb.InstanceStatus.InstanceState.Value("instanceRunning")
        until = time.monotonic() + 15
        listed = self.instances("general")
        while not (len(listed) == 1 and listed[0].status.instanceState == running) and time.monotonic() < until:
            time.sleep(0.05)
            listed = self.instances("general")
        assert len(listed) == 1, f"expected 1 instance, got {listed}"
        instance = listed[0]
        assert instance.id.startswith("cn-hangzhou.i-"), f"Instance.id {instance.id!r} is not <region>.<instance-id>"
        self.expect_equal(instance.status.instanceState, running)
        return instance


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("address", help="host:port, http://host:port or https://host:port")
    parser.add_argument("--ca")
    parser.add_argument("--key")
    parser.add_argument("--cert")
    args = parser.parse_args()
    target = args.address.split("://", 1)[-1].rstrip("/")
    if args.ca:
        def read(path):
            with open(path, "rb") as file:
                return file.read()
        credentials = grpc.ssl_channel_credentials(
            read(args.ca), read(args.key) if args.key else None, read(args.cert) if args.cert else None)
        channel = grpc.secure_channel(target, credentials)
    else:
        channel = grpc.insecure_channel(target)

    with tempfile.TemporaryDirectory(prefix="fastscale-stubs-") as out_dir:
        pb, rpc, core, meta = generate_stubs(out_dir)
        checks = Checks(rpc.CloudProviderStub(channel), pb, core, meta)
        try:
            checks.run()
        except (AssertionError, grpc.RpcError) as error:
            detail = f"{error.code().name}: {error.details()}" if isinstance(error, grpc.RpcError) else str(error)
            print(f"FAIL {checks.name}: {detail}", file=sys.stderr)
            return 1
        finally:
            channel.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
