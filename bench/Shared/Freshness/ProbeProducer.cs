using System.Diagnostics;
using K2.Kafka.Configuration;

namespace K2.Bench.Freshness;

/// <summary>
/// Publishes probe trades 1, 2, … one every <paramref name="interval"/> until stopped, stamping each publish call in
/// the <paramref name="ledger"/>. A producer of its own, as a separate feed would have: a probe never queues behind
/// the load's records.
/// </summary>
internal sealed class ProbeProducer(KafkaOptions kafka, ProbeLedger ledger, TimeSpan interval)
{
    public async Task RunAsync(CancellationToken stop)
    {
        await using var publisher = TradePublishers.Create(kafka);
        using var ticks = new PeriodicTimer(interval);
        for (var id = 1L; !stop.IsCancellationRequested; id++)
        {
            var trade = ProbeTrades.Create(id);
            ledger.MarkPublished(id, Stopwatch.GetTimestamp());
            await publisher.PublishTradeAsync(trade, CancellationToken.None);
            try
            {
                await ticks.WaitForNextTickAsync(stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await publisher.FlushAsync(CancellationToken.None);
    }
}
