using System.Diagnostics;

namespace K2.Kafka.Tests.Infrastructure;

/// <summary>
/// Waits for a condition that must become true. The bound only keeps a broken test from hanging the run; no test
/// asserts on how long anything took.
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    public static async Task Until(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > HangGuard)
            {
                throw new TimeoutException($"Gave up waiting for: {what}.");
            }

            await Task.Delay(PollInterval);
        }
    }
}
