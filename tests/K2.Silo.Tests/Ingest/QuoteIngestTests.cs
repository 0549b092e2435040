using K2.Contracts.Avro;
using K2.Kafka.Topics;
using K2.Silo.Ingest;
using K2.Silo.Tests.Flush;
using K2.Testing;

namespace K2.Silo.Tests.Ingest;

/// <summary>What the quote path does with bad input: every record is either in the quotes table once or dead-lettered.</summary>
public sealed class QuoteIngestTests
{
    [Fact]
    public async Task Undecodable_and_invalid_quotes_are_dead_lettered_duplicates_dropped_and_the_rest_flushed_once()
    {
        await using var env = await IngestEnvironment.StartAsync();
        await using (var publisher = env.CreatePublisher())
        {
            foreach (var row in Enumerable.Range(1, 10))
            {
                await publisher.PublishQuoteAsync(Quotes.Asx(row), CancellationToken.None);
            }

            await publisher.PublishQuoteAsync(Quotes.Asx(3), CancellationToken.None);
            await publisher.PublishQuoteAsync(Quotes.Asx(11) with { BidPrice = -1m }, CancellationToken.None);
            await publisher.FlushAsync(CancellationToken.None);
        }

        // A trade record on the quote topic is as foreign to the quote decoder as random bytes.
        var foreign = TradeAvroCodec.Encode(Trades.Binance(1));
        await env.ProduceRawAsync(KafkaTopics.AsxQuotes, "BHP", foreign);

        await using var cluster = await env.StartClusterAsync();
        await env.WaitUntilDrainedAsync();

        var summary = (await IngestEnvironment.Grain(cluster, "ASX", "BHP").GetIntegrityAsync()).Quotes;
        Assert.Equal((10L, 1L, 1L, 10L), (summary.Accepted, summary.DuplicatesByMessageId, summary.Rejected, summary.LastPlatformSequence));

        await using var table = FlushHarness.Attach(env.Database.ConnectionString, env.WarehousePath);
        var rows = await table.ReadAllQuotesAsync();
        Assert.Equal(Enumerable.Range(1, 10).Select(row => $"ASX-BHP-Q{row}"), rows.OrderBy(row => row.PlatformSequence).Select(row => row.QuoteId));

        var letters = (await env.DeadLettersAsync()).Select(record => record.Letter).OrderBy(letter => letter.Stage).ToList();
        Assert.Collection(
            letters,
            decode =>
            {
                Assert.Equal(BatchProcessor.DecodeStage, decode.Stage);
                Assert.Equal(foreign, decode.Payload.ToArray());
                Assert.StartsWith(KafkaTopics.AsxQuotes + "/", decode.SourcePosition, StringComparison.Ordinal);
                Assert.Contains(QuoteAvroCodec.Schema.FullName, decode.Error, StringComparison.Ordinal);
            },
            validate =>
            {
                Assert.Equal(BatchProcessor.ValidateStage, validate.Stage);
                Assert.Contains("bid_price", validate.Error, StringComparison.Ordinal);
                Assert.Equal(Quotes.Asx(11).MessageId, QuoteAvroCodec.Decode(validate.Payload.Span).MessageId);
            });
    }
}
