using FastScale.Testing;

namespace FastScale.Grpc.Tests.Interop;

/// <summary>
/// The interop tests run one at a time: each starts a server and a peer process, and on a 2-core machine running them
/// side by side would only make the timing checks (the 1 ms deadline) flaky.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InteropCollection
{
    public const string Name = "Interop peers";
}
