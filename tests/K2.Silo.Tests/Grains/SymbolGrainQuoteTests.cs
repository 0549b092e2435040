using K2.Contracts.Avro;
using K2.Contracts.Grains;
using K2.Silo.Tests.Persistence;
using K2.Testing;

namespace K2.Silo.Tests.Grains;

/// <summary>
/// The symbol grain's quote log: quotes are validated, deduplicated by message id and numbered apart from trades, and
/// checkpointed, replayed and confirmed apart from them, so a replay of the quote partition never touches trade verdicts.
/// </summary>
[Collection(TwoSiloClusterCollection.Name)]
public sealed class SymbolGrainQuoteTests(TwoSiloClusterFixture fixture)
{
    private const string Log = "log-q";

    private static string UniqueSymbol() => $"QT{Guid.NewGuid():N}"[..20].ToUpperInvariant();

    private static QuoteBatch QuotesFromLog(string symbol, long runStart, long? previous, params (int Row, long Offset)[] quotes) =>
        QuoteBatch.FromLog(
            KafkaTopicNames.Quotes,
            [.. quotes.Select(q => Quotes.Asx(q.Row, symbol))],
            [.. quotes.Select(q => new TradePosition(2, q.Offset))]) with
        {
            LogCluster = Log,
            RunStartOffset = runStart,
            PreviousOffset = previous,
        };

    private static TradeBatch TradesFromLog(string symbol, long runStart, long? previous, params (int Row, long Offset)[] trades) =>
        TradeBatch.FromLog(
            KafkaTopicNames.Trades,
            [.. trades.Select(t => Trades.Asx(t.Row, symbol))],
            [.. trades.Select(t => new TradePosition(2, t.Offset))]) with
        {
            LogCluster = Log,
            RunStartOffset = runStart,
            PreviousOffset = previous,
        };

    private ISymbolGrain Grain(string symbol) => fixture.Cluster.Client.GetGrain<ISymbolGrain>(new SymbolKey("ASX", symbol).ToString());

    [Fact]
    public async Task Quotes_are_numbered_apart_from_trades_duplicates_dropped_and_bad_ones_rejected_with_a_reason()
    {
        var symbol = UniqueSymbol();
        var grain = Grain(symbol);
        await grain.IngestAsync(new TradeBatch([Trades.Asx(1, symbol), Trades.Asx(2, symbol)]));

        var negative = Quotes.Asx(9, symbol) with { AskPrice = -1m };
        var elsewhere = Quotes.Asx(10, "OTHER");
        var result = await grain.IngestQuotesAsync(new QuoteBatch([Quotes.Asx(1, symbol), Quotes.Asx(2, symbol), Quotes.Asx(1, symbol), negative, elsewhere]));

        Assert.Equal((2, 1, 2), (result.Accepted, result.DuplicatesByMessageId, result.Rejected));
        Assert.Equal(new long[] { 1, 2, 0, 0, 0 }, result.PlatformSequences);
        Assert.Equal(new[] { negative.MessageId, elsewhere.MessageId }, result.Rejections.Select(r => r.MessageId));
        Assert.Contains("ask_price", result.Rejections[0].Reason, StringComparison.Ordinal);
        var summary = await grain.GetIntegrityAsync();
        Assert.Equal((2L, 1L, 2L, 2L), (summary.Quotes.Accepted, summary.Quotes.DuplicatesByMessageId, summary.Quotes.Rejected, summary.Quotes.LastPlatformSequence));
        Assert.Equal((2L, 2L, 0L), (summary.Accepted, summary.LastPlatformSequence, summary.Rejected));
        Assert.Equal(new[] { $"ASX-{symbol}-Q1", $"ASX-{symbol}-Q2" }, (await grain.GetHotQuotesAsync()).Quotes.Select(q => q.QuoteId));
    }

    [Fact]
    public async Task A_replay_of_the_quote_partition_rolls_back_only_the_quotes()
    {
        var symbol = UniqueSymbol();
        var grain = Grain(symbol);
        await grain.IngestAsync(TradesFromLog(symbol, 0, null, (1, 0), (2, 1), (3, 2)));
        await grain.PrepareFlushAsync(new FlushCheckpoint(Log, KafkaTopicNames.Trades, 2, BaseOffset: 0, ThroughOffset: 3, LastOffset: 2));
        var first = await grain.IngestQuotesAsync(QuotesFromLog(symbol, 0, null, (1, 0), (2, 1), (3, 2), (4, 3)));
        await grain.IngestAsync(TradesFromLog(symbol, 0, previous: 2, (4, 3), (5, 4)));

        // The quotes were never committed (the quotes table records 0): a new consumer replays them from there.
        var replay = await grain.IngestQuotesAsync(QuotesFromLog(symbol, 0, null, (1, 0), (2, 1), (3, 2), (4, 3)));

        Assert.Equal(first.PlatformSequences, replay.PlatformSequences);
        Assert.Equal(new long[] { 1, 2, 3, 4 }, replay.PlatformSequences);
        var summary = await grain.GetIntegrityAsync();
        Assert.Equal((4L, 0L), (summary.Quotes.Accepted, summary.Quotes.DuplicatesByMessageId));

        // The trades applied after the quotes arrived are all still there: nothing rolled them back.
        Assert.Equal((5L, 5L, 0L), (summary.Accepted, summary.LastPlatformSequence, summary.DuplicatesByMessageId));
        Assert.Equal(5, (await grain.GetHotTradesAsync()).Trades.Count);
        Assert.Null((await grain.IngestAsync(TradesFromLog(symbol, 0, previous: 4, (6, 5)))).ResyncReason);
    }

    [Fact]
    public async Task A_confirmed_quote_flush_moves_the_quote_watermark_and_not_the_trade_one()
    {
        var symbol = UniqueSymbol();
        var grain = Grain(symbol);
        await grain.IngestAsync(TradesFromLog(symbol, 0, null, (1, 0), (2, 1)));
        await grain.IngestQuotesAsync(QuotesFromLog(symbol, 0, null, (1, 0), (2, 1), (3, 2)));

        await grain.PrepareFlushAsync(new FlushCheckpoint(Log, KafkaTopicNames.Quotes, 2, BaseOffset: 0, ThroughOffset: 3, LastOffset: 2) { Kind = MarketDataRecordType.Quote });
        await grain.IngestQuotesAsync(QuotesFromLog(symbol, 0, previous: 2, (4, 3)));
        await grain.ConfirmFlushAsync(new FlushConfirmation(Log, KafkaTopicNames.Quotes, 2, ThroughOffset: 3, SnapshotId: 77) { Kind = MarketDataRecordType.Quote });

        var quotes = await grain.GetHotQuotesAsync();
        Assert.Equal((77L, 3L), (quotes.FlushedSnapshotId, quotes.FlushedThroughSequence));
        Assert.Equal(new long[] { 4 }, quotes.Quotes.Select(q => q.PlatformSequence ?? 0));
        var trades = await grain.GetHotTradesAsync();
        Assert.Equal(((long?)null, 0L, 2), (trades.FlushedSnapshotId, trades.FlushedThroughSequence, trades.Trades.Count));
    }

    private static class KafkaTopicNames
    {
        public const string Trades = "market.equities.trades.asx";
        public const string Quotes = "market.equities.quotes.asx";
    }
}
