namespace FastScale.Simulation.Machines;

/// <summary>One instance type of the simulated world: vCPUs, memory in MiB (as ECS's <c>Memory</c>), CPU architecture
/// (<see cref="InstanceTypeSpec.X86"/> or <see cref="InstanceTypeSpec.Arm"/>, as ECS's <c>CpuArchitecture</c>) and GPUs.</summary>
public sealed record InstanceTypeSpec(string Name, int Cpu, int MemoryMiB, string Architecture, int Gpus)
{
    public const string X86 = "X86";
    public const string Arm = "ARM";
}
