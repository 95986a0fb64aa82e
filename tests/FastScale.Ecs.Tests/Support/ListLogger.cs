using Microsoft.Extensions.Logging;

namespace FastScale.Ecs.Tests.Support;

/// <summary>Keeps every formatted log line, with its event id, so tests can read what was logged.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    public List<(EventId Id, LogLevel Level, string Text)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Entries)
        {
            Entries.Add((eventId, logLevel, formatter(state, exception) + (state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? " | " + string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : string.Empty)));
        }
    }
}
