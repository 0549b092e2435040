using System.Text.Json;
using K2.Api.Tests.Infrastructure;
using K2.Kafka.Broker;
using K2.Kafka.Configuration;
using K2.Kafka.Publishing;
using K2.Kafka.Serialization;
using K2.Kafka.Topics;
using K2.Testing;
using K2.Testing.Clusters;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.TestingHost;

namespace K2.Api.Tests;

/// <summary>
/// The hot/cold seam against the real pipeline: trades (and quotes) go through Kafka into the silo's consumer, symbol grains and
/// flushes committing to the same lakehouse the API reads, while the API is queried over and over. Every answer must be
/// a gap-free prefix of the stream with no trade twice, whether the trade is still hot, just committed, or confirmed.
/// </summary>
public sealed class PipelineSeamApiTests(PipelineSeamApiTests.Fixture fixture) : IClassFixture<PipelineSeamApiTests.Fixture>
{
    private const int Total = 3_000;
    private const string Symbol = "SEAMLIVEUSDT";
    private const string QuoteSymbol = "SEAMQ";

    [Fact]
    public async Task Every_answer_while_flushes_commit_is_a_prefix_of_the_stream_with_no_duplicate_and_no_hole()
    {
        // First half: ingested and flushed. Then the second half arrives and stays hot for up to a flush age: answers in
        // that window are split at the watermark (cold up to it, hot above), and the last ones come after the commit.
        var answers = new List<(int Count, long Watermark)>();
        await ReadUntilAsync(fixture.PublishAsync(Symbol, 1, Total / 2), Total / 2, answers);
        await ReadUntilAsync(fixture.PublishAsync(Symbol, (Total / 2) + 1, Total), Total, answers);

        var final = await fixture.Http.GetJsonAsync($"/v1/trades?exchange=BINANCE&symbol={Symbol}&order=asc&limit=10000");
        Assert.Equal(Total, final.GetProperty("trades").GetArrayLength());
        Assert.Equal(JsonValueKind.Number, final.GetProperty("coldSnapshotId").ValueKind);
        Assert.Contains(answers, answer => answer.Watermark == Total / 2 && answer.Count > Total / 2);
    }

    [Fact]
    public async Task Every_quotes_answer_while_flushes_commit_is_a_prefix_of_the_stream_with_no_duplicate_and_no_hole()
    {
        // The same seam for quotes: the grain's quote watermark splits the quotes table (cold) from its hot quotes.
        var answers = new List<(int Count, long Watermark)>();
        await ReadQuotesUntilAsync(fixture.PublishQuotesAsync(QuoteSymbol, 1, Total / 2), Total / 2, answers);
        await ReadQuotesUntilAsync(fixture.PublishQuotesAsync(QuoteSymbol, (Total / 2) + 1, Total), Total, answers);

        var final = await fixture.Http.GetJsonAsync($"/v1/quotes?exchange=ASX&symbol={QuoteSymbol}&order=asc&limit=10000");
        Assert.Equal(Total, final.GetProperty("quotes").GetArrayLength());
        Assert.Equal(JsonValueKind.Number, final.GetProperty("coldSnapshotId").ValueKind);
        Assert.Contains(answers, answer => answer.Watermark == Total / 2 && answer.Count > Total / 2);

        // Newest first, paged with the cursor across the seam: the same quotes in reverse, each once.
        var descending = new List<int>();
        string? cursor = null;
        do
        {
            var page = await fixture.Http.GetJsonAsync($"/v1/quotes?exchange=ASX&symbol={QuoteSymbol}&limit=700" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)));
            descending.AddRange(page.GetProperty("quotes").EnumerateArray().Select(row => Quotes.RowOf(row.GetProperty("quoteId").GetString()!)));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        Assert.Equal(Enumerable.Range(1, Total).Reverse(), descending);
    }

    /// <summary>Queries until <paramref name="count"/> quotes are visible and all of them committed, checking every answer.</summary>
    private async Task ReadQuotesUntilAsync(Task publishing, int count, List<(int Count, long Watermark)> answers)
    {
        using var guard = new CancellationTokenSource(TestTimeouts.Generous);
        while (true)
        {
            guard.Token.ThrowIfCancellationRequested();
            var body = await fixture.Http.GetJsonAsync($"/v1/quotes?exchange=ASX&symbol={QuoteSymbol}&order=asc&limit=10000");
            var rows = body.GetProperty("quotes").EnumerateArray().Select(row => Quotes.RowOf(row.GetProperty("quoteId").GetString()!)).ToList();
            Assert.Equal(Enumerable.Range(1, rows.Count), rows);
            var watermark = body.GetProperty("flushedThroughSequence").GetInt64();
            answers.Add((rows.Count, watermark));
            if (rows.Count == count && watermark == count)
            {
                await publishing;
                return;
            }
        }
    }

    /// <summary>Queries until <paramref name="count"/> trades are visible and all of them committed, checking every answer.</summary>
    private async Task ReadUntilAsync(Task publishing, int count, List<(int Count, long Watermark)> answers)
    {
        using var guard = new CancellationTokenSource(TestTimeouts.Generous);
        while (true)
        {
            guard.Token.ThrowIfCancellationRequested();
            var body = await fixture.Http.GetJsonAsync($"/v1/trades?exchange=BINANCE&symbol={Symbol}&order=asc&limit=10000");
            var ids = body.GetProperty("trades").EnumerateArray()
                .Select(row => long.Parse(row.GetProperty("tradeId").GetString()!["BINANCE-".Length..], System.Globalization.CultureInfo.InvariantCulture))
                .ToList();
            Assert.Equal(Enumerable.Range(1, ids.Count).Select(i => (long)i), ids);
            var watermark = body.GetProperty("flushedThroughSequence").GetInt64();
            answers.Add((ids.Count, watermark));
            if (ids.Count == count && watermark == count)
            {
                await publishing;
                return;
            }
        }
    }

    /// <summary>The API fixture with a Kafka broker and a silo consumer flushing to the API's lakehouse.</summary>
    public sealed class Fixture : ApiFixture, IDisposable
    {
        private readonly LocalKafkaBroker _broker = new();
        private readonly KafkaOptions _kafka = new() { ClientId = "k2-api-seam" };

        public Fixture()
        {
            _kafka.Topics.BinanceTradePartitions = 2;
            _kafka.BootstrapServers = _broker.StartAsync(1, KafkaTopicCatalog.Create(_kafka.Topics)).GetAwaiter().GetResult();
        }

        public async Task PublishAsync(string symbol, int from, int to)
        {
            await using var publisher = new KafkaMarketDataPublisher(
                Microsoft.Extensions.Options.Options.Create(_kafka), new AvroTradeSerializer(), new AvroQuoteSerializer(), NullLogger<KafkaMarketDataPublisher>.Instance);
            for (var id = from; id <= to; id++)
            {
                await publisher.PublishTradeAsync(Trades.Binance(id, Trades.BaseTime.AddMilliseconds(id), symbol), CancellationToken.None);
                if (id % 100 == 0)
                {
                    // A live feed's pace: the consumer sees many small batches and flushes in between.
                    await publisher.FlushAsync(CancellationToken.None);
                    await Task.Delay(20);
                }
            }

            await publisher.FlushAsync(CancellationToken.None);
        }

        public async Task PublishQuotesAsync(string symbol, int from, int to)
        {
            await using var publisher = new KafkaMarketDataPublisher(
                Microsoft.Extensions.Options.Options.Create(_kafka), new AvroTradeSerializer(), new AvroQuoteSerializer(), NullLogger<KafkaMarketDataPublisher>.Instance);
            for (var row = from; row <= to; row++)
            {
                await publisher.PublishQuoteAsync(Quotes.Asx(row, symbol), CancellationToken.None);
                if (row % 100 == 0)
                {
                    await publisher.FlushAsync(CancellationToken.None);
                    await Task.Delay(20);
                }
            }

            await publisher.FlushAsync(CancellationToken.None);
        }

        public void Dispose() => _broker.Dispose();

        protected override void ConfigureCluster(TestClusterBuilder builder)
        {
            builder.Properties["ConnectionStrings:kafka"] = _kafka.BootstrapServers;
            builder.Properties["K2:Kafka:ClientId"] = "k2-api-seam-silo";
            builder.Properties["K2:Kafka:Admin:ProvisionTopicsOnStart"] = "false";
            builder.Properties["K2:Kafka:Topics:BinanceTradePartitions"] = "2";
            builder.Properties["K2:Ingest:MaxBatchMessages"] = "50";
            builder.Properties["K2:Ingest:MaxBatchWait"] = "00:00:00.020";
            // Long enough that a whole half of the stream is visible hot before its flush commits.
            builder.Properties["K2:Flush:MaxAge"] = "00:00:01";
            builder.Properties["K2:Lakehouse:WarehousePath"] = WarehousePath;
            builder.Properties["K2:Lakehouse:CatalogName"] = CatalogName;
            builder.AddSiloBuilderConfigurator<MarketDataConsumerSiloConfigurator>();
        }
    }
}
