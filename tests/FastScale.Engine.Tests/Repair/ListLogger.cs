using Microsoft.Extensions.Logging;

namespace FastScale.Engine.Tests.Repair;

/// <summary>Keeps every formatted log line with its event id, so tests can read what was logged and how often.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    private readonly List<(EventId Id, LogLevel Level, string Text)> _entries = [];

    public IReadOnlyList<(EventId Id, LogLevel Level, string Text)> Entries { get { lock (_entries) { return [.. _entries]; } } }

    public IReadOnlyList<string> WithId(int eventId) => [.. Entries.Where(e => e.Id.Id == eventId).Select(e => e.Text)];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add((eventId, logLevel, formatter(state, exception)));
        }
    }
}
