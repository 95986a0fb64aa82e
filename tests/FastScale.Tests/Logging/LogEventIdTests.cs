using System.Reflection;
using Microsoft.Extensions.Logging;

namespace FastScale.Tests.Logging;

/// <summary>Operators filter and alert on a log line's event id, so no two messages of the shipped binaries share one.</summary>
public sealed class LogEventIdTests
{
    private static readonly string[] Assemblies =
        ["FastScale", "FastScale.Engine", "FastScale.Ecs", "FastScale.Grpc", "FastScale.Kubernetes", "FastScale.Simulation"];

    [Fact]
    public void EveryLoggerMessage_HasAnEventIdOfItsOwn()
    {
        var messages = Assemblies.Select(Assembly.Load)
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();

        var shared = messages.GroupBy(m => m.Attribute!.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => $"{m.Method.DeclaringType!.FullName}.{m.Method.Name}"))}")
            .ToList();

        Assert.True(messages.Count > 100, $"only {messages.Count} logger messages found: the scan is not seeing the assemblies");
        Assert.Empty(shared);
    }
}
