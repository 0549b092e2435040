using System.Text;
using Confluent.Kafka;
using K2.Contracts.Avro;
using K2.Contracts.Model;
using K2.Kafka.Configuration;
using K2.Kafka.Publishing;
using K2.Kafka.Tests.Infrastructure;
using K2.Kafka.Topics;
using K2.Testing;

namespace K2.Kafka.Tests.Publishing;

public sealed class KafkaMarketDataPublisherTests
{
    private static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "BNBUSDT", "XRPUSDT"];

    [Fact]
    public async Task Trades_come_back_keyed_by_symbol_in_order_per_symbol_with_schema_and_source_headers()
    {
        using var cluster = await KafkaTestCluster.StartAsync();
        const int count = 1_000;
        var trades = Enumerable.Range(1, count).Select(i => Trades.Binance(i, symbol: Symbols[i % Symbols.Length])).ToList();

        await using (var publisher = cluster.CreatePublisher())
        {
            foreach (var trade in trades)
            {
                await publisher.PublishTradeAsync(trade, CancellationToken.None);
            }

            await publisher.FlushAsync(CancellationToken.None);
            Assert.Equal(count, publisher.Statistics.Delivered);
            Assert.Equal(0, publisher.Statistics.InFlight);
        }

        var records = await cluster.Reader.ReadAsync(KafkaTopics.BinanceTrades, count);
        Assert.Equal(count, cluster.Reader.Count(KafkaTopics.BinanceTrades));
        foreach (var bySymbol in records.GroupBy(record => Encoding.UTF8.GetString(record.Message.Key!)))
        {
            // One symbol, one partition, and the partition keeps the publish order.
            Assert.Single(bySymbol.Select(record => record.Partition).Distinct());
            var decoded = bySymbol.Select(Decode).ToList();
            Assert.All(decoded, trade => Assert.Equal(bySymbol.Key, trade.Symbol));
            Assert.Equal(
                trades.Where(trade => trade.Symbol == bySymbol.Key).Select(trade => trade.SourceSequence),
                decoded.Select(trade => trade.SourceSequence));
        }

        Assert.All(records, record =>
        {
            // The header names the same schema as the fingerprint inside the value.
            Assert.Equal("io.k2.marketdata.v2.Trade", HeaderText.Find(record.Message.Headers, K2Headers.Schema));
            Assert.Equal(MarketDataSchemas.Trade, MarketDataSchemas.Identify(record.Message.Value));
            Assert.Equal("binance", HeaderText.Find(record.Message.Headers, K2Headers.Source));
        });
        var first = records.First(record => Decode(record).SourceSequence == 1);
        Assert.Equal(TradeAvroCodec.Encode(trades[0]), first.Message.Value);
    }

    [Fact]
    public async Task Asx_trades_and_quotes_go_to_their_own_topics()
    {
        using var cluster = await KafkaTestCluster.StartAsync();
        var quote = new Quote
        {
            MessageId = Guid.NewGuid(),
            QuoteId = "ASX-BHP-1",
            Symbol = "BHP",
            Exchange = "ASX",
            AssetClass = AssetClass.Equities,
            Timestamp = Trades.BaseTime,
            BidPrice = 36.66m,
            BidQuantity = 1_000m,
            AskPrice = 36.67m,
            AskQuantity = 500m,
            Currency = "AUD",
            IngestionTimestamp = Trades.BaseTime,
        };

        await using (var publisher = cluster.CreatePublisher())
        {
            await publisher.PublishTradeAsync(Trades.Asx(1), CancellationToken.None);
            await publisher.PublishQuoteAsync(quote, CancellationToken.None);
            await publisher.FlushAsync(CancellationToken.None);
        }

        var trade = Assert.Single(await cluster.Reader.ReadAsync(KafkaTopics.AsxTrades, 1));
        var quoteRecord = Assert.Single(await cluster.Reader.ReadAsync(KafkaTopics.AsxQuotes, 1));
        Assert.Equal("BHP", Encoding.UTF8.GetString(trade.Message.Key!));
        Assert.Equal("asx", HeaderText.Find(trade.Message.Headers, K2Headers.Source));
        Assert.Equal("io.k2.marketdata.v2.Quote", HeaderText.Find(quoteRecord.Message.Headers, K2Headers.Schema));
        Assert.Equal(QuoteAvroCodec.Encode(quote), quoteRecord.Message.Value);
    }

    [Theory]
    [InlineData(KafkaCompression.Lz4)]
    [InlineData(KafkaCompression.Zstd)]
    public async Task Both_allowed_compressions_round_trip_through_the_broker(KafkaCompression compression)
    {
        using var cluster = await KafkaTestCluster.StartAsync(options => options.Producer.Compression = compression);
        var trades = Enumerable.Range(1, 100).Select(i => Trades.Binance(i)).ToList();
        await using (var publisher = cluster.CreatePublisher())
        {
            foreach (var trade in trades)
            {
                await publisher.PublishTradeAsync(trade, CancellationToken.None);
            }

            await publisher.FlushAsync(CancellationToken.None);
        }

        var records = await cluster.Reader.ReadAsync(KafkaTopics.BinanceTrades, trades.Count);
        Assert.Equal(trades.Select(trade => trade.MessageId), records.Select(record => Decode(record).MessageId));
    }

    [Fact]
    public async Task A_trade_of_an_unrouted_venue_is_refused_before_anything_is_sent()
    {
        using var cluster = await KafkaTestCluster.StartAsync();
        await using var publisher = cluster.CreatePublisher();

        var trade = Trades.Binance(1) with { Exchange = "NYSE" };

        await Assert.ThrowsAsync<ArgumentException>(async () => await publisher.PublishTradeAsync(trade, CancellationToken.None));
        Assert.Equal(0, publisher.Statistics.Produced);
    }

    private static Trade Decode(ConsumeResult<byte[]?, byte[]?> record) => TestSerializers.Trades.Deserialize(record.Message.Value);
}
