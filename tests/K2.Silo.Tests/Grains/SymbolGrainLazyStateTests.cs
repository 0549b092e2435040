using K2.Contracts.Grains;
using K2.Contracts.Model;
using K2.Silo.Tests.Persistence;
using K2.Testing;

namespace K2.Silo.Tests.Grains;

/// <summary>
/// What a symbol grain builds only when it needs it must not change what it answers: a grain that never saw a quote
/// builds no quote log, yet answers quote queries as one would; a grain whose quotes an earlier activation persisted
/// answers from them before its quote log is built again, and carries on numbering and deduplicating from there. Hot
/// trades that share repeated values (currency, conditions, vendor data) with earlier ones still read back as sent.
/// </summary>
[Collection(TwoSiloClusterCollection.Name)]
public sealed class SymbolGrainLazyStateTests(TwoSiloClusterFixture fixture)
{
    private static string UniqueSymbol(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..20].ToUpperInvariant();

    private ISymbolGrain Grain(string exchange, string symbol) =>
        fixture.Cluster.Client.GetGrain<ISymbolGrain>(new SymbolKey(exchange, symbol).ToString());

    [Fact]
    public async Task A_symbol_that_never_saw_a_quote_answers_quote_queries_and_then_takes_its_first_quotes()
    {
        var symbol = UniqueSymbol("LQ");
        var grain = Grain("ASX", symbol);
        await grain.IngestAsync(new TradeBatch([Trades.Asx(1, symbol), Trades.Asx(2, symbol)]));

        var summary = await grain.GetIntegrityAsync();
        Assert.Equal((0L, 0L, 0L, 0L, (DateTimeOffset?)null), (summary.Quotes.Accepted, summary.Quotes.DuplicatesByMessageId, summary.Quotes.Rejected, summary.Quotes.LastPlatformSequence, summary.Quotes.LastQuoteTime));
        Assert.Equal(2L, summary.Accepted);
        Assert.NotNull(summary.LastIngestAt);
        var hot = await grain.GetHotQuotesAsync();
        Assert.Equal(((long?)null, 0L, 0), (hot.FlushedSnapshotId, hot.FlushedThroughSequence, hot.Quotes.Count));

        var result = await grain.IngestQuotesAsync(new QuoteBatch([Quotes.Asx(1, symbol), Quotes.Asx(2, symbol), Quotes.Asx(1, symbol)]));

        Assert.Equal(new long[] { 1, 2, 0 }, result.PlatformSequences);
        Assert.Equal(1, result.DuplicatesByMessageId);
        Assert.Equal(
            [($"ASX-{symbol}-Q1", 1L, Quotes.Asx(1, symbol).BidPrice, "AUD"), ($"ASX-{symbol}-Q2", 2L, Quotes.Asx(2, symbol).BidPrice, "AUD")],
            (await grain.GetHotQuotesAsync()).Quotes.Select(q => (q.QuoteId, q.PlatformSequence ?? 0, q.BidPrice, q.Currency)));
        Assert.Equal((2L, 1L), ((await grain.GetIntegrityAsync()).Quotes.Accepted, (await grain.GetIntegrityAsync()).Quotes.DuplicatesByMessageId));
    }

    [Fact]
    public async Task Quotes_an_earlier_activation_persisted_are_answered_before_the_quote_log_is_built_again()
    {
        var symbol = UniqueSymbol("LP");
        var grain = Grain("ASX", symbol);
        await grain.IngestQuotesAsync(new QuoteBatch([Quotes.Asx(1, symbol), Quotes.Asx(2, symbol), Quotes.Asx(3, symbol)]));
        var before = await grain.GetIntegrityAsync();
        await fixture.Cluster.DeactivateAsync(grain);

        var reloaded = await grain.GetIntegrityAsync();
        Assert.Equal(before.Quotes, reloaded.Quotes);
        Assert.Equal((3L, 3L), (reloaded.Quotes.Accepted, reloaded.Quotes.LastPlatformSequence));
        Assert.Equal(before.LastIngestAt, reloaded.LastIngestAt);

        // Everything persisted counts as flushed: the hot path leaves it to the lakehouse.
        var hot = await grain.GetHotQuotesAsync();
        Assert.Equal(((long?)null, 3L, 0), (hot.FlushedSnapshotId, hot.FlushedThroughSequence, hot.Quotes.Count));

        // The rebuilt log still knows the persisted message ids and the numbering.
        var result = await grain.IngestQuotesAsync(new QuoteBatch([Quotes.Asx(2, symbol), Quotes.Asx(4, symbol)]));
        Assert.Equal((1, 1), (result.Accepted, result.DuplicatesByMessageId));
        Assert.Equal(new long[] { 0, 4 }, result.PlatformSequences);
        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal((4L, 1L, 4L), ((await grain.GetIntegrityAsync()).Quotes.Accepted, (await grain.GetIntegrityAsync()).Quotes.DuplicatesByMessageId, (await grain.GetHotQuotesAsync()).FlushedThroughSequence));
    }

    [Fact]
    public async Task Hot_trades_read_back_with_the_values_they_were_sent_with_when_consecutive_trades_share_them()
    {
        var symbol = UniqueSymbol("LV");
        var grain = Grain("BINANCE", symbol);
        Trade WithVendorData(long id, string bestMatch, params string[] conditions) => Trades.Binance(id, symbol: symbol) with
        {
            // Fresh instances per trade, as a decoder makes them; equal content from trade to trade except where varied.
            VendorData = new Dictionary<string, string>(StringComparer.Ordinal) { ["base_asset"] = symbol[..3], ["quote_asset"] = "USDT", ["is_best_match"] = bestMatch },
            TradeConditions = [.. conditions],
            Currency = new string("USDT".AsSpan()),
        };
        Trade[] sent = [WithVendorData(1, "true"), WithVendorData(2, "true"), WithVendorData(3, "false", "X"), WithVendorData(4, "false", "X"), WithVendorData(5, "true")];

        await grain.IngestAsync(new TradeBatch(sent[..2]));
        await grain.IngestAsync(new TradeBatch(sent[2..]));
        var recent = (await grain.GetRecentTradesAsync(10)).Reverse().ToArray();

        Assert.Equal(sent.Length, recent.Length);
        for (var i = 0; i < sent.Length; i++)
        {
            Assert.Equal(i + 1, recent[i].PlatformSequence);
            Assert.Equal(sent[i].VendorData.OrderBy(entry => entry.Key), recent[i].VendorData.OrderBy(entry => entry.Key));
            Assert.Equal(sent[i].TradeConditions, recent[i].TradeConditions);
            Assert.Equal((sent[i].TradeId, sent[i].Currency, sent[i].Price), (recent[i].TradeId, recent[i].Currency, recent[i].Price));
        }
    }
}
