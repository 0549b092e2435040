using System.Diagnostics;
using K2.Contracts.Model;
using K2.Kafka.Configuration;

namespace K2.Bench.Freshness;

/// <summary>
/// Produces <paramref name="next"/>(0), (1), … through K2's publisher at a steady <paramref name="rate"/> trades per
/// second until stopped, catching up in a burst if a pause (GC, a loaded CPU) left it behind, so the rate over the run
/// is the one asked for. Every trade handed to the publisher is flushed before <see cref="RunAsync"/> returns.
/// </summary>
internal sealed class SteadyProducer(KafkaOptions kafka, Func<long, Trade> next, int rate)
{
    private static readonly TimeSpan PacingTick = TimeSpan.FromMilliseconds(5);
    private long _sent;

    /// <summary>Trades handed to the publisher so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    public async Task RunAsync(CancellationToken stop)
    {
        await using var publisher = TradePublishers.Create(kafka);
        var clock = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * rate);
            while (_sent < due)
            {
                await publisher.PublishTradeAsync(next(_sent), CancellationToken.None);
                Interlocked.Increment(ref _sent);
            }

            try
            {
                await Task.Delay(PacingTick, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await publisher.FlushAsync(CancellationToken.None);
    }
}
