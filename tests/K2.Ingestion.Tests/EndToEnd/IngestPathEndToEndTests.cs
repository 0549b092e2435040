using System.Text;
using K2.Contracts.Control;
using K2.Contracts.Grains;
using K2.Contracts.Model;
using K2.Ingestion.Asx.Loading;
using K2.Ingestion.Tests.Asx.Support;
using K2.Kafka.Publishing;
using K2.Kafka.Topics;
using K2.Testing.Binance;
using K2.Testing.Logging;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace K2.Ingestion.Tests.EndToEnd;

/// <summary>
/// Issue 3's integration test: the ASX sample day and a replayed Binance session (gaps, duplicates, a disconnect,
/// malformed frames) go through the real feed handlers, Kafka, the silo's consumer and symbol grains into the Iceberg
/// trades table, with the gaps repaired from Binance REST. Every expected number is derived here from the input, not
/// from the code under test.
/// </summary>
public sealed class IngestPathEndToEndTests(ITestOutputHelper output)
{
    private const string Btc = "BTCUSDT";
    private const string Eth = "ETHUSDT";
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task The_asx_sample_and_a_flawed_binance_session_land_exactly_once_in_grains_and_the_iceberg_table()
    {
        await using var binance = await FakeBinanceServer.StartAsync();
        var session = BinanceScenario.Script(binance);
        var asxExpected = AsxSampleCounts.TradesPerSymbol(AsxSample.Directory);
        var quotesExpected = AsxSampleCounts.QuotesPerSymbol(AsxSample.Directory);
        Assert.Equal(43_413, quotesExpected.Values.Sum()); // the sample's quote count, as data/asx-sample/README.md states it

        await using var env = await EndToEndEnvironment.StartAsync();
        var cluster = await env.StartSiloClusterAsync();
        var ingestion = await env.StartIngestionAsync(binance, [Btc, Eth], new XunitLoggerProvider(output));

        // The ASX loader publishes through the ingestion process's Kafka publishers, as `load-asx` does.
        var summary = await ingestion.Services.GetRequiredService<AsxBatchLoader>().LoadAsync(
            AsxSample.Directory,
            ingestion.Services.GetRequiredService<IMarketDataPublisher>(),
            ingestion.Services.GetRequiredService<IDeadLetterPublisher>(),
            progress: null,
            CancellationToken.None);
        Assert.Equal(asxExpected.Values.Sum(), summary.TradesPublished);
        Assert.Equal(quotesExpected.Values.Sum(), summary.QuotesPublished);

        await WaitUntilSettledAsync(env, cluster, session, asxExpected, quotesExpected);

        var rows = await env.ReadTradesTableAsync();
        await AssertBinanceAsync(env, cluster, binance, session, rows);
        await AssertAsxAsync(env, cluster, asxExpected, rows);
        await AssertAsxQuotesAsync(cluster, quotesExpected, await env.ReadQuotesTableAsync());
    }

    private static async Task AssertBinanceAsync(EndToEndEnvironment env, TestCluster cluster, FakeBinanceServer binance, BinanceScenario session, IReadOnlyList<Trade> rows)
    {
        // Gap requests are at-least-once: a consumer replay (e.g. after a rebalance) classifies the stretch again and
        // asks again, and the repairer republishes the backfill. Count the rounds from the log, not from the code.
        var requests = env.ReadAll(KafkaTopics.ControlGaps).Select(record => GapRepairRequestJson.TryDeserialize(record.Message.Value, out _)).ToList();
        var expectedRequests = session.Gaps.Select(gap => new GapRepairRequest("BINANCE", Btc, gap.From, gap.To)).ToList();
        Assert.Equal(expectedRequests, requests.Distinct());
        Assert.Equal(0, requests.Count % expectedRequests.Count);
        var rounds = requests.Count / expectedRequests.Count;
        Assert.Equal(requests.Select(request => (Btc, (long?)request!.FromSequence)), binance.RestRequests.Snapshot().Select(request => (request.Symbol, request.FromId)));

        // Grain integrity: every id first..last accepted once, the skipped ones late (backfilled), the resent ones and
        // every repeated backfill dropped as duplicates.
        var btc = await EndToEndEnvironment.Grain(cluster, "BINANCE", Btc).GetIntegrityAsync();
        Assert.Equal(
            ((long)session.BtcIds.Count, (long)session.Backfilled.Count, (long)(session.Resent.Count + (session.Backfilled.Count * (rounds - 1))), 0L, 0L, (long)session.Gaps.Count, (long)session.Gaps.Count, 0),
            (btc.Accepted, btc.Late, btc.DuplicatesByMessageId, btc.DuplicatesBySequence, btc.Rejected, btc.GapsDetected, btc.GapsClosed, btc.OpenGaps.Count));
        Assert.Equal(session.BtcIds[^1], btc.LastSequence);
        var eth = await EndToEndEnvironment.Grain(cluster, "BINANCE", Eth).GetIntegrityAsync();
        Assert.Equal(
            ((long)session.EthIds.Count, 0L, 0L, 0L),
            (eth.Accepted, eth.Late + eth.DuplicatesByMessageId + eth.DuplicatesBySequence, eth.Rejected, eth.GapsDetected));

        // The table: each trade once, backfilled exactly where the live stream had holes, no resent copy.
        var btcRows = rows.Where(row => row is { Exchange: "BINANCE", Symbol: Btc }).ToList();
        Assert.Equal(session.BtcIds, btcRows.Select(row => row.SourceSequence!.Value).Order());
        Assert.Equal(session.Backfilled, btcRows.Where(row => row.VendorData.GetValueOrDefault("backfilled") == "true").Select(row => row.SourceSequence!.Value).Order());
        Assert.All(btcRows.Where(row => !session.Backfilled.Contains(row.SourceSequence!.Value)), row => Assert.Equal("ws-trade", row.VendorData["source"]));
        Assert.All(btcRows.Where(row => session.Backfilled.Contains(row.SourceSequence!.Value)), row => Assert.Equal("rest-historicalTrades", row.VendorData["source"]));
        Assert.Equal(session.BtcIds.Count, btcRows.Select(row => row.MessageId).Distinct().Count());
        Assert.Equal(session.EthIds, rows.Where(row => row is { Exchange: "BINANCE", Symbol: Eth }).Select(row => row.SourceSequence!.Value).Order());

        // Malformed frames: dead-lettered by the feed, byte for byte, with the frame that carried them.
        var endpoint = binance.WebSocketUri.AbsoluteUri.TrimEnd('/');
        var letters = await env.DeadLettersAsync("binance");
        Assert.Equal(session.Malformed.Count, letters.Count);
        foreach (var (letter, expected) in letters.Select(record => record.Letter).Zip(session.Malformed))
        {
            Assert.Equal(("binance", "parse"), (letter.Source, letter.Stage));
            Assert.Equal(expected.Text, Encoding.UTF8.GetString(letter.Payload.Span));
            Assert.StartsWith(expected.ErrorCode + ": ", letter.Error, StringComparison.Ordinal);
            Assert.Equal($"{endpoint}#conn-{expected.Connection}/frame-{expected.Frame}", letter.SourcePosition);
        }

        Assert.Empty(await env.DeadLettersAsync("silo"));
    }

    private static async Task AssertAsxAsync(EndToEndEnvironment env, TestCluster cluster, IReadOnlyDictionary<string, int> expected, IReadOnlyList<Trade> rows)
    {
        var asxRows = rows.Where(row => row.Exchange == "ASX").ToList();
        Assert.Equal(expected.OrderBy(pair => pair.Key), asxRows.GroupBy(row => row.Symbol).Select(group => KeyValuePair.Create(group.Key, group.Count())).OrderBy(pair => pair.Key));
        Assert.Equal(asxRows.Count, asxRows.Select(row => row.MessageId).Distinct().Count());
        foreach (var (symbol, trades) in expected)
        {
            var summary = await EndToEndEnvironment.Grain(cluster, "ASX", symbol).GetIntegrityAsync();
            Assert.Equal(((long)trades, 0L, 0L, (long)trades), (summary.Accepted, summary.DuplicatesByMessageId, summary.Rejected, summary.LastPlatformSequence));
            Assert.Equal(
                Enumerable.Range(1, trades).Select(sequence => (long?)sequence),
                asxRows.Where(row => row.Symbol == symbol).Select(row => row.PlatformSequence).Order());
        }

        Assert.Empty(await env.DeadLettersAsync("asx"));
    }

    private static async Task AssertAsxQuotesAsync(TestCluster cluster, IReadOnlyDictionary<string, int> expected, IReadOnlyList<Quote> rows)
    {
        // The quotes table holds each quote of the sample once: per symbol exactly the CSV's line count, numbered 1..n.
        Assert.Equal(expected.OrderBy(pair => pair.Key), rows.GroupBy(row => row.Symbol).Select(group => KeyValuePair.Create(group.Key, group.Count())).OrderBy(pair => pair.Key));
        Assert.All(rows, row => Assert.Equal("ASX", row.Exchange));
        Assert.Equal(rows.Count, rows.Select(row => row.MessageId).Distinct().Count());
        foreach (var (symbol, quotes) in expected)
        {
            var summary = await EndToEndEnvironment.Grain(cluster, "ASX", symbol).GetIntegrityAsync();
            Assert.Equal(((long)quotes, 0L, 0L, (long)quotes), (summary.Quotes.Accepted, summary.Quotes.DuplicatesByMessageId, summary.Quotes.Rejected, summary.Quotes.LastPlatformSequence));
            Assert.Equal(
                Enumerable.Range(1, quotes).Select(sequence => (long?)sequence),
                rows.Where(row => row.Symbol == symbol).Select(row => row.PlatformSequence).Order());
        }
    }

    /// <summary>
    /// Settled: every live frame and every repair has reached the grains (the last ids are there and no gap is open),
    /// and the silo has committed every offset, which it does only after the Iceberg commit covering them.
    /// </summary>
    private static Task WaitUntilSettledAsync(
        EndToEndEnvironment env,
        TestCluster cluster,
        BinanceScenario session,
        IReadOnlyDictionary<string, int> asx,
        IReadOnlyDictionary<string, int> asxQuotes)
    {
        async Task<IntegritySummary> Summary(string exchange, string symbol) =>
            await EndToEndEnvironment.Grain(cluster, exchange, symbol).GetIntegrityAsync();

        return EndToEndEnvironment.UntilAsync(
            async () =>
            {
                var btc = await Summary("BINANCE", Btc);
                var eth = await Summary("BINANCE", Eth);
                var asxDone = true;
                foreach (var (symbol, trades) in asx)
                {
                    asxDone &= (await Summary("ASX", symbol)).LastPlatformSequence >= trades;
                }

                foreach (var (symbol, quotes) in asxQuotes)
                {
                    asxDone &= (await Summary("ASX", symbol)).Quotes.LastPlatformSequence >= quotes;
                }

                return btc.LastSequence == session.BtcIds[^1] && btc.OpenGaps.Count == 0 && btc.GapsDetected > 0
                    && eth.LastSequence == session.EthIds[^1]
                    && asxDone
                    && env.HasCommittedEverything("k2-silo", EndToEndEnvironment.SiloTopics);
            },
            async () =>
            {
                var btc = await Summary("BINANCE", Btc);
                return $"BTCUSDT last {btc.LastSequence} (want {session.BtcIds[^1]}), accepted {btc.Accepted}, open gaps {btc.OpenGaps.Count}; "
                    + $"silo committed everything: {env.HasCommittedEverything("k2-silo", EndToEndEnvironment.SiloTopics)}";
            },
            SettleTimeout);
    }
}
