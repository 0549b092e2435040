using System.Globalization;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace K2.Testing.Logging;

/// <summary>Sends log lines to the running test's output, so a failing test shows what the code under test did.</summary>
public sealed class XunitLoggerProvider(ITestOutputHelper output) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new XunitLogger(output, categoryName);

    public void Dispose()
    {
    }

    private sealed class XunitLogger(ITestOutputHelper output, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = string.Create(
                CultureInfo.InvariantCulture,
                $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel,-11} {category[(category.LastIndexOf('.') + 1)..]}: {formatter(state, exception)}");
            try
            {
                output.WriteLine(exception is null ? line : $"{line}{Environment.NewLine}  {exception}");
            }
            catch (InvalidOperationException)
            {
                // The test has already finished; background work logging late has nowhere to write.
            }
        }
    }
}
