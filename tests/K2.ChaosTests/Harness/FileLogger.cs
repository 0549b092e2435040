using Microsoft.Extensions.Logging;

namespace K2.ChaosTests.Harness;

/// <summary>
/// Writes the load generator's publisher log (librdkafka's client messages included) to a file in the run directory,
/// beside the silos' logs, so a stalled publish can be told apart from a stalled consumer.
/// </summary>
public sealed class FileLogger<T>(string path) : ILogger<T>
{
    private static readonly Lock Gate = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var line = $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {logLevel}: {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception.Message)}{Environment.NewLine}";
        lock (Gate)
        {
            File.AppendAllText(path, line);
        }
    }
}
