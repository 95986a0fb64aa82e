# The FastScale image: `docker build -t fastscale:dev .` from the repository root (README: "Container image").
#
# Self-contained publish for linux-x64 on runtime-deps, rather than framework-dependent on the aspnet image: the image
# carries exactly the runtime the tests ran against (the SDK's runtime pack, not the base image's patch of the day),
# and the chiseled runtime-deps base has no shell, no package manager and no dotnet host, so nothing in the image can
# start anything but FastScale. The aspnet image would only pay off on nodes that already hold its layers.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1
WORKDIR /src

# Restore from the project files alone, so an edit to the source reuses this layer.
COPY Directory.Build.props Directory.Packages.props BannedSymbols.txt ./
COPY src/FastScale/FastScale.csproj src/FastScale/
COPY src/FastScale.Engine/FastScale.Engine.csproj src/FastScale.Engine/
COPY src/FastScale.Grpc/FastScale.Grpc.csproj src/FastScale.Grpc/
COPY src/FastScale.Ecs/FastScale.Ecs.csproj src/FastScale.Ecs/
COPY src/FastScale.Kubernetes/FastScale.Kubernetes.csproj src/FastScale.Kubernetes/
COPY src/FastScale.Simulation/FastScale.Simulation.csproj src/FastScale.Simulation/
RUN dotnet restore src/FastScale/FastScale.csproj -r linux-x64

# protos/ feeds FastScale.Grpc's code generation; deploy/policy.yaml is embedded as the default policy.
COPY protos/ protos/
COPY deploy/policy.yaml deploy/
COPY src/ src/
# SatelliteResourceLanguages=en: with InvariantGlobalization the process never loads another culture's resources.
RUN dotnet publish src/FastScale/FastScale.csproj --no-restore -c Release -r linux-x64 --self-contained -p:SatelliteResourceLanguages=en -o /app

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled
COPY --from=build /app /app
# deploy/base/fastscale-deployment.yaml runs as this user with a read-only root file system and an emptyDir on /tmp.
USER 65532:65532
# Nothing is written outside /tmp: the working directory is /tmp, so `burst` writes ./reports there; the runtime's
# diagnostic IPC would otherwise create a socket in TMPDIR even when nobody attaches.
WORKDIR /tmp
ENV DOTNET_EnableDiagnostics=0 \
    TMPDIR=/tmp
# gRPC (the autoscaler dials it) and health and metrics (/healthz, /readyz, /metrics).
EXPOSE 8086 9464
ENTRYPOINT ["/app/FastScale"]
# A try-out with no cloud account: the built-in ECS emulator behind real gRPC and metrics listeners. deploy/ replaces
# these arguments with a policy, TLS and leader election.
CMD ["serve", "--embedded", "--listen=0.0.0.0:8086", "--metrics=0.0.0.0:9464"]
