using Microsoft.Extensions.Logging;

namespace FastScale.Serve;

/// <summary>One console format for the provider and the embedded emulators, so their lines interleave readably.</summary>
internal static class ConsoleLogging
{
    public static void Configure(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
    }
}
