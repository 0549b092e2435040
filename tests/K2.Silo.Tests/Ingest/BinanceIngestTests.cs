using System.Text;
using K2.Contracts.Avro;
using K2.Contracts.Control;
using K2.Kafka.Topics;
using K2.Silo.Ingest;
using K2.Testing;

namespace K2.Silo.Tests.Ingest;

public sealed class BinanceIngestTests
{
    [Fact]
    public async Task A_session_with_gaps_duplicates_and_garbage_ends_in_exact_summaries_dead_letters_and_gap_requests()
    {
        await using var env = await IngestEnvironment.StartAsync();
        var garbage = Encoding.UTF8.GetBytes("{\"not\":\"avro\"}");
        await using (var publisher = env.CreatePublisher())
        {
            // BTCUSDT: 1..20 without 5, 6 and 15; trade 3 again (same message id), trade 10 again under a new
            // message id (same sequence), and trade 21 with a negative price, which the grain rejects.
            foreach (var id in Enumerable.Range(1, 20).Where(id => id is not (5 or 6 or 15)))
            {
                await publisher.PublishTradeAsync(Trades.Binance(id), CancellationToken.None);
                if (id == 4)
                {
                    await publisher.PublishTradeAsync(Trades.Binance(3), CancellationToken.None);
                }

                if (id == 12)
                {
                    await publisher.PublishTradeAsync(Trades.Binance(10) with { MessageId = Guid.NewGuid() }, CancellationToken.None);
                }
            }

            await publisher.PublishTradeAsync(Trades.Binance(21) with { Price = -1m }, CancellationToken.None);
            foreach (var id in Enumerable.Range(1, 10))
            {
                await publisher.PublishTradeAsync(Trades.Binance(id, symbol: "ETHUSDT"), CancellationToken.None);
            }

            await publisher.FlushAsync(CancellationToken.None);
        }

        await env.ProduceRawAsync(KafkaTopics.BinanceTrades, "BTCUSDT", garbage);

        await using var cluster = await env.StartClusterAsync(silos: 2);
        await env.WaitUntilDrainedAsync();

        var btc = await IngestEnvironment.Grain(cluster, "BINANCE", "BTCUSDT").GetIntegrityAsync();
        Assert.Equal(
            (17L, 1L, 1L, 1L, 2L, (long?)20L),
            (btc.Accepted, btc.DuplicatesByMessageId, btc.DuplicatesBySequence, btc.Rejected, btc.GapsDetected, btc.LastSequence));
        Assert.Equal([(5L, 6L), (15L, 15L)], btc.OpenGaps.Select(gap => (gap.From, gap.To)));
        var eth = await IngestEnvironment.Grain(cluster, "BINANCE", "ETHUSDT").GetIntegrityAsync();
        Assert.Equal((10L, 0L, 0L, 0L), (eth.Accepted, eth.DuplicatesByMessageId + eth.DuplicatesBySequence, eth.Rejected, eth.GapsDetected));

        Assert.Equal(
            [new GapRepairRequest("BINANCE", "BTCUSDT", 5, 6), new GapRepairRequest("BINANCE", "BTCUSDT", 15, 15)],
            env.GapRequests());

        var letters = (await env.DeadLettersAsync()).Select(record => record.Letter).OrderBy(letter => letter.Stage).ToList();
        Assert.Collection(
            letters,
            decode =>
            {
                Assert.Equal(BatchProcessor.DecodeStage, decode.Stage);
                Assert.Equal(garbage, decode.Payload.ToArray());
                Assert.Equal("BTCUSDT", Encoding.UTF8.GetString(decode.Key.Span));
                Assert.StartsWith(KafkaTopics.BinanceTrades + "/", decode.SourcePosition, StringComparison.Ordinal);
                Assert.Contains("@", decode.SourcePosition, StringComparison.Ordinal);
                Assert.Contains("io.k2.marketdata.v2.Trade", decode.Error, StringComparison.Ordinal);
            },
            validate =>
            {
                Assert.Equal(BatchProcessor.ValidateStage, validate.Stage);
                Assert.Contains("price", validate.Error, StringComparison.Ordinal);
                var rejected = TradeAvroCodec.Decode(validate.Payload.Span);
                Assert.Equal((Trades.Binance(21).MessageId, -1m), (rejected.MessageId, rejected.Price));
            });
    }

}
