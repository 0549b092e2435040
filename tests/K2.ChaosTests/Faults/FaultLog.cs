using System.Collections.Concurrent;
using K2.ChaosTests.Harness;

namespace K2.ChaosTests.Faults;

/// <summary>
/// The faults one scenario injected and, for each, its recovery time: from the end of the fault (the killed silo
/// restarted, the server back) until ingest progresses again, i.e. the consumer group commits a higher offset (which
/// it only does after a flush reached Iceberg) or has caught up with the log.
/// </summary>
public sealed class FaultLog(ChaosEnvironment environment)
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromMinutes(3);

    private readonly ConcurrentDictionary<string, int> _counts = new();
    private readonly ConcurrentBag<Task<TimeSpan?>> _recoveries = [];

    public IReadOnlyDictionary<string, int> Counts => _counts;

    /// <summary>Counts a fault that has no end to recover from (e.g. a maintenance run).</summary>
    public void Injected(string kind) => _counts.AddOrUpdate(kind, 1, (_, n) => n + 1);

    /// <summary>Counts a fault that just ended and starts measuring how long ingest takes to progress again.</summary>
    public void Ended(string kind)
    {
        Injected(kind);
        var ended = TimeProvider.System.GetTimestamp();
        _recoveries.Add(Task.Run(async () =>
        {
            using var deadline = new CancellationTokenSource(RecoveryTimeout);
            // Right after a broker outage the probe itself may need a moment to reconnect.
            var baseline = TryReadCommitted();
            while (baseline == long.MinValue && !deadline.IsCancellationRequested)
            {
                await Task.Delay(ProbeInterval, CancellationToken.None);
                baseline = TryReadCommitted();
            }

            while (!deadline.IsCancellationRequested)
            {
                if (TryReadCommitted() > baseline || TryReadLag() == 0)
                {
                    return (TimeSpan?)TimeProvider.System.GetElapsedTime(ended);
                }

                await Task.Delay(ProbeInterval, CancellationToken.None);
            }

            return null;
        }));
    }

    // A later fault of the same scenario (the broker down) can make the probe itself fail for a while.
    private long TryReadCommitted()
    {
        try
        {
            return environment.CommittedTotal();
        }
        catch (Confluent.Kafka.KafkaException)
        {
            return long.MinValue;
        }
    }

    // Caught up counts as recovered too: when the load stopped right after the fault, nothing is left to progress on.
    private long TryReadLag()
    {
        try
        {
            return environment.Lag();
        }
        catch (Confluent.Kafka.KafkaException)
        {
            return long.MaxValue;
        }
    }

    /// <summary>The slowest recovery, or null when no fault needed one; a recovery that never came counts as the timeout.</summary>
    public async Task<TimeSpan?> WorstRecoveryAsync()
    {
        var measured = await Task.WhenAll(_recoveries);
        return measured.Length == 0 ? null : measured.Max(recovery => recovery ?? RecoveryTimeout);
    }
}
