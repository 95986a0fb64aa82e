using Microsoft.Extensions.Hosting;

namespace FastScale.Simulation.Hosting;

/// <summary>
/// A host lifetime that leaves the process's signals alone. The default console lifetime answers SIGTERM and Ctrl+C by
/// stopping only this listener and cancelling the signal, so a process that embeds the emulator (a command, a test
/// host, <c>serve --embedded</c>) never learns it was asked to exit. The process owner decides when the server stops.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
