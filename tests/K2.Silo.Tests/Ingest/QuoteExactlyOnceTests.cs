using K2.Kafka.Consuming;
using K2.Kafka.Topics;
using K2.Silo.Tests.Flush;
using K2.Testing;

namespace K2.Silo.Tests.Ingest;

/// <summary>
/// The quote path against real parts, as <see cref="LakehouseExactlyOnceTests"/> is for trades: quotes and trades of the
/// same ASX symbols produced to Kafka, consumed by silos, numbered by the symbol grains (one grain holds both logs) and
/// committed to the quotes and trades tables, with silos killed mid-stream several times. Each table must end with every
/// record exactly once and record the offsets Kafka ends at for its own topics.
/// </summary>
public sealed class QuoteExactlyOnceTests
{
    private static readonly string[] Symbols = ["BHP", "RIO", "DVN"];

    [Fact]
    public async Task Every_quote_is_in_the_quotes_table_exactly_once_after_silos_are_killed_mid_stream()
    {
        const int waves = 4;
        const int perWave = 300;
        await using var env = await IngestEnvironment.StartAsync();
        await using var tables = FlushHarness.Attach(env.Database.ConnectionString, env.WarehousePath);
        await tables.QuoteFlusher.EnsureTableAsync(CancellationToken.None);

        for (var wave = 0; wave < waves; wave++)
        {
            await PublishAsync(env, wave * perWave, perWave);
            var cluster = await env.StartClusterAsync(maxBatchMessages: 41, flushAge: "00:00:00.150");
            var before = (await tables.ReadAllQuotesAsync()).Count;

            // Kill while the wave is being flushed: some of it is committed, some buffered, some not yet read.
            await Poll.UntilAsync(() => tables.ReadAllQuotesAsync().Result.Count > before, $"wave {wave} started to reach the quotes table");
            foreach (var silo in cluster.Silos.ToList())
            {
                await cluster.KillSiloAsync(silo);
            }

            await cluster.DisposeAsync();
        }

        await using var last = await env.StartClusterAsync(maxBatchMessages: 500);
        await env.WaitUntilDrainedAsync();

        var quotes = await tables.ReadAllQuotesAsync();
        var expected = Symbols.Length * waves * perWave;
        Assert.Equal(expected, quotes.Select(row => row.MessageId).Distinct().Count());
        Assert.Equal(expected, quotes.Count);

        // Each symbol's quotes are numbered 1..n with no hole and no repeat (the replays reused the first verdicts), and
        // the grain's quote counters agree; its trades, replayed from their own checkpoints, are untouched by the quotes'.
        var trades = await tables.ReadAllTradesAsync();
        foreach (var symbol in Symbols)
        {
            Assert.Equal(
                Enumerable.Range(1, waves * perWave).Select(i => (long)i),
                quotes.Where(row => row.Symbol == symbol).Select(row => row.PlatformSequence ?? 0).Order());
            Assert.Equal(
                Enumerable.Range(1, waves * perWave),
                quotes.Where(row => row.Symbol == symbol).Select(row => Quotes.RowOf(row.QuoteId)).Order());
            Assert.Equal(
                Enumerable.Range(1, waves * perWave).Select(i => (long)i),
                trades.Where(row => row.Symbol == symbol).Select(row => row.PlatformSequence ?? 0).Order());

            var summary = await IngestEnvironment.Grain(last, "ASX", symbol).GetIntegrityAsync();
            Assert.Equal(((long)(waves * perWave), 0L, 0L, (long)(waves * perWave)), (summary.Quotes.Accepted, summary.Quotes.DuplicatesByMessageId, summary.Quotes.Rejected, summary.Quotes.LastPlatformSequence));
            Assert.Equal((long)(waves * perWave), summary.Accepted);
        }

        // Each table's offsets are where Kafka ends for its own topics: nothing read twice, nothing skipped.
        var log = await new KafkaClusterIdentity(env.KafkaOptions).ReadAsync(CancellationToken.None);
        var quoteOffsets = await tables.CommittedQuoteOffsetsAsync(log);
        var tradeOffsets = await tables.CommittedOffsetsAsync(log);
        var quoteEnds = env.EndOffsets(KafkaTopics.AsxQuotes).Where(end => end.Value > 0).ToList();
        Assert.NotEmpty(quoteEnds);
        foreach (var (partition, end) in quoteEnds)
        {
            Assert.Equal(end, quoteOffsets.NextOffset(new K2.Silo.Flush.TopicPartition(KafkaTopics.AsxQuotes, partition)));
            Assert.Null(tradeOffsets.NextOffset(new K2.Silo.Flush.TopicPartition(KafkaTopics.AsxQuotes, partition)));
        }

        foreach (var (partition, end) in env.EndOffsets(KafkaTopics.AsxTrades).Where(end => end.Value > 0))
        {
            Assert.Equal(end, tradeOffsets.NextOffset(new K2.Silo.Flush.TopicPartition(KafkaTopics.AsxTrades, partition)));
        }

        Assert.Empty(await env.DeadLettersAsync());
    }

    private static async Task PublishAsync(IngestEnvironment env, int from, int count)
    {
        await using var publisher = env.CreatePublisher();
        for (var i = from + 1; i <= from + count; i++)
        {
            foreach (var symbol in Symbols)
            {
                await publisher.PublishQuoteAsync(Quotes.Asx(i, symbol), CancellationToken.None);
                await publisher.PublishTradeAsync(Trades.Asx(i, symbol, Trades.BaseTime.AddMilliseconds(i)), CancellationToken.None);
            }
        }

        await publisher.FlushAsync(CancellationToken.None);
    }
}
