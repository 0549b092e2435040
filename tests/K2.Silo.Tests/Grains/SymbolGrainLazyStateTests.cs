using K2.Contracts.Avro;
using K2.Contracts.Grains;
using K2.Contracts.Model;
using K2.Silo.Integrity;
using K2.Silo.Persistence;
using K2.Silo.Tests.Persistence;
using K2.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace K2.Silo.Tests.Grains;

/// <summary>
/// What a symbol grain builds only when it needs it must not change what it answers: a grain that never saw a quote
/// reads no quote state and builds no quote log until a call needs them, yet answers quote queries as one would; a grain
/// whose quotes an earlier activation persisted answers from them, and carries on numbering, deduplicating and rolling
/// back to its checkpoints from there; a log state without applied offsets or checkpoints (fed directly) gets them from
/// its first batch read from the log. The trade state too is read by the first call of an activation, not at
/// activation: calls that arrive together share that one read and all meet the persisted state. Hot
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
    public async Task A_symbol_fed_directly_takes_its_first_log_batches_keeps_their_checkpoints_and_meets_them_after_a_crash_before_commit()
    {
        // Direct batches need no applied offsets and no checkpoints: the first batch read from the log (after a
        // reactivation, so over the persisted state) starts them.
        const string topic = "market.crypto.trades.binance";
        var symbol = UniqueSymbol("LO");
        var grain = Grain("BINANCE", symbol);
        TradeBatch FromLog(long runStart, long? previous, params long[] tradeIds) => TradeBatch.FromLog(
            topic,
            [.. tradeIds.Select(id => Trades.Binance(id, symbol: symbol))],
            [.. tradeIds.Select(id => new TradePosition(0, id - 3))]) with
        { LogCluster = "log-l", RunStartOffset = runStart, PreviousOffset = previous };
        await grain.IngestAsync(new TradeBatch([Trades.Binance(1, symbol: symbol), Trades.Binance(2, symbol: symbol)]));
        await fixture.Cluster.DeactivateAsync(grain);

        var first = await grain.IngestAsync(FromLog(0, null, 3, 4));
        var replay = await grain.IngestAsync(FromLog(0, null, 3, 4));
        Assert.Equal(new long[] { 3, 4 }, first.PlatformSequences);
        Assert.Equal((2, 0), (replay.Accepted, replay.AlreadyApplied));
        Assert.Equal(new long[] { 3, 4 }, replay.PlatformSequences);
        Assert.True((await grain.PrepareFlushAsync(new FlushCheckpoint("log-l", topic, 0, BaseOffset: 0, ThroughOffset: 2, LastOffset: 1))).IsPrepared);
        await grain.IngestAsync(FromLog(0, previous: 1, 5));

        // Prepared, never confirmed, then the activation is gone: the table stayed at 0, and the replay from there
        // meets the state the direct batches left (trades 1 and 2), not the prepared one.
        await fixture.Cluster.DeactivateAsync(grain);
        var fromBase = await grain.IngestAsync(FromLog(0, null, 3, 4, 5));

        Assert.Equal((3, 0, 0), (fromBase.Accepted, fromBase.Duplicates, fromBase.AlreadyApplied));
        Assert.Equal(new long[] { 3, 4, 5 }, fromBase.PlatformSequences);
        var summary = await grain.GetIntegrityAsync();
        Assert.Equal((5L, 0L, 5L, 5L), (summary.Accepted, summary.DuplicatesBySequence, summary.LastSequence ?? 0, summary.LastPlatformSequence));
    }

    [Fact]
    public async Task A_quote_row_stored_under_the_state_name_the_grain_declared_before_is_read_by_the_first_quote_call()
    {
        // The row a grain's [PersistentState("quotes", ...)] wrote at activation before the quote state was read lazily:
        // same storage, same grain id, same state name. Written while the grain is active with trades only: it has not
        // read its quote state yet, so its first quote call must find this row.
        var symbol = UniqueSymbol("LR");
        var grain = Grain("ASX", symbol);
        await grain.IngestAsync(new TradeBatch([Trades.Asx(1, symbol)]));
        var stored = new QuoteLogState
        {
            LastPlatformSequence = 7,
            Accepted = 7,
            DuplicatesByMessageId = 1,
            LastQuoteTime = Quotes.Asx(7, symbol).Timestamp,
            RecentMessageIds = [Quotes.Asx(6, symbol).MessageId, Quotes.Asx(7, symbol).MessageId],
            RecentMessageIdsNext = 2,
        };
        var storage = Assert.IsType<InProcessSiloHandle>(fixture.Cluster.Silos[0]).SiloHost!.Services.GetRequiredKeyedService<IGrainStorage>(K2StorageNames.Symbols);
        await storage.WriteStateAsync("quotes", grain.GetGrainId(), new GrainState<QuoteLogState>(stored));

        var summary = await grain.GetIntegrityAsync();
        var hot = await grain.GetHotQuotesAsync();
        var result = await grain.IngestQuotesAsync(new QuoteBatch([Quotes.Asx(7, symbol), Quotes.Asx(8, symbol)]));

        Assert.Equal((7L, 1L, 7L, (DateTimeOffset?)Quotes.Asx(7, symbol).Timestamp), (summary.Quotes.Accepted, summary.Quotes.DuplicatesByMessageId, summary.Quotes.LastPlatformSequence, summary.Quotes.LastQuoteTime));
        Assert.Equal(1L, summary.Accepted);
        Assert.Equal(((long?)null, 7L, 0), (hot.FlushedSnapshotId, hot.FlushedThroughSequence, hot.Quotes.Count));
        Assert.Equal(new long[] { 0, 8 }, result.PlatformSequences);
        Assert.Equal(1, result.DuplicatesByMessageId);

        // The grain's own write went over the row it read (its etag), and the next activation reads that one.
        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal((8L, 2L, 8L), ((await grain.GetIntegrityAsync()).Quotes.Accepted, (await grain.GetIntegrityAsync()).Quotes.DuplicatesByMessageId, (await grain.GetHotQuotesAsync()).FlushedThroughSequence));
    }

    [Fact]
    public async Task Calls_arriving_together_at_a_new_activation_all_meet_the_trade_state_an_earlier_one_persisted()
    {
        var symbol = UniqueSymbol("LT");
        var grain = Grain("ASX", symbol);
        await grain.IngestAsync(new TradeBatch([Trades.Asx(1, symbol), Trades.Asx(2, symbol), Trades.Asx(3, symbol)]));
        await fixture.Cluster.DeactivateAsync(grain);

        // Sent together to the next activation: the ingest and the (interleaving) reads wait for the one state read.
        var integrity = grain.GetIntegrityAsync().AsTask();
        var tail = grain.GetTradesAfterAsync(0, 10).AsTask();
        var hot = grain.GetHotTradesAsync().AsTask();
        var ingest = grain.IngestAsync(new TradeBatch([Trades.Asx(2, symbol), Trades.Asx(4, symbol)])).AsTask();
        var recent = grain.GetRecentTradesAsync(10).AsTask();
        await Task.WhenAll(integrity, tail, hot, ingest, recent);

        // The ingest knew the persisted message ids and numbering: one duplicate, the new trade numbered 4.
        Assert.Equal(new long[] { 0, 4 }, (await ingest).PlatformSequences);
        Assert.Equal(1, (await ingest).DuplicatesByMessageId);

        // Each read saw the persisted state (3 trades), before or after the ingest, never a fresh one.
        Assert.InRange((await integrity).Accepted, 3L, 4L);
        Assert.InRange((await tail).LastPlatformSequence, 3L, 4L);
        Assert.Equal(3L, (await hot).FlushedThroughSequence); // the persisted trades count as flushed
        Assert.All((await recent).Select(trade => trade.PlatformSequence), sequence => Assert.Equal(4L, sequence));
        Assert.Equal((4L, 1L), ((await grain.GetIntegrityAsync()).Accepted, (await grain.GetIntegrityAsync()).DuplicatesByMessageId));
    }

    [Fact]
    public async Task An_integrity_row_stored_as_the_grain_declared_it_before_is_read_by_the_first_call_and_written_over()
    {
        // The row Orleans' [PersistentState("integrity", ...)] facet wrote before the grain read its state through a
        // bridge of its own: same storage, grain id and state name, written before the grain's first activation. The
        // grain must carry on from it: its gap filled, its message ids known, its numbering continued.
        var symbol = UniqueSymbol("LI");
        var grain = Grain("BINANCE", symbol);
        var stored = new SymbolIntegrityState
        {
            HighWaterMark = 10,
            LastTradeTime = Trades.Binance(10, symbol: symbol).Timestamp,
            LastPlatformSequence = 8,
            Accepted = 8,
            GapsDetected = 1,
            StoredOpenGaps = [new SequenceGap(4, 5, Trades.Binance(10, symbol: symbol).Timestamp, 1)],
            RecentMessageIds = [Trades.Binance(9, symbol: symbol).MessageId, Trades.Binance(10, symbol: symbol).MessageId],
            RecentMessageIdsNext = 2,
        };
        var storage = Assert.IsType<InProcessSiloHandle>(fixture.Cluster.Silos[0]).SiloHost!.Services.GetRequiredKeyedService<IGrainStorage>(K2StorageNames.Symbols);
        await storage.WriteStateAsync("integrity", grain.GetGrainId(), new GrainState<SymbolIntegrityState>(stored));

        var result = await grain.IngestAsync(new TradeBatch([Trades.Binance(10, symbol: symbol), Trades.Binance(4, symbol: symbol), Trades.Binance(11, symbol: symbol)]));

        Assert.Equal(new long[] { 0, 9, 10 }, result.PlatformSequences);
        Assert.Equal((2, 1, 1), (result.Accepted, result.Late, result.DuplicatesByMessageId));
        var summary = await grain.GetIntegrityAsync();
        Assert.Equal((10L, (long?)11L, 1L), (summary.Accepted, summary.LastSequence, summary.Late));
        Assert.Equal([(5L, 5L)], summary.OpenGaps.Select(gap => (gap.From, gap.To)));

        // The grain's own write went over the row it read (its etag), and the next activation reads that one.
        await fixture.Cluster.DeactivateAsync(grain);
        var reloaded = await grain.GetIntegrityAsync();
        Assert.Equal((10L, 1L, 10L), (reloaded.Accepted, reloaded.Late, reloaded.LastPlatformSequence));
        Assert.Equal([(5L, 5L)], reloaded.OpenGaps.Select(gap => (gap.From, gap.To)));
    }

    [Fact]
    public async Task A_quote_flush_prepared_by_an_earlier_activation_is_met_by_a_replay_after_a_crash_before_its_commit()
    {
        const string log = "log-lq";
        const string topic = "market.equities.quotes.asx";
        var symbol = UniqueSymbol("LC");
        var grain = Grain("ASX", symbol);
        QuoteBatch FromLog(long runStart, long? previous, params int[] rows) => QuoteBatch.FromLog(
            topic,
            [.. rows.Select(row => Quotes.Asx(row, symbol))],
            [.. rows.Select(row => new TradePosition(1, row - 1L))]) with
        { LogCluster = log, RunStartOffset = runStart, PreviousOffset = previous };
        await grain.IngestQuotesAsync(FromLog(0, null, 1, 2));
        Assert.True((await grain.PrepareFlushAsync(new FlushCheckpoint(log, topic, 1, BaseOffset: 0, ThroughOffset: 2, LastOffset: 1) { Kind = MarketDataRecordType.Quote })).IsPrepared);
        var first = await grain.IngestQuotesAsync(FromLog(0, previous: 1, 3, 4));
        Assert.True((await grain.PrepareFlushAsync(new FlushCheckpoint(log, topic, 1, BaseOffset: 2, ThroughOffset: 4, LastOffset: 3) { Kind = MarketDataRecordType.Quote })).IsPrepared);

        // Gone before the commit of 2..4: the next activation reads the quote state only now, with both checkpoints,
        // and the replay from the table's offset (2) meets the state at 2.
        await fixture.Cluster.DeactivateAsync(grain);
        var replay = await grain.IngestQuotesAsync(FromLog(2, null, 3, 4));

        Assert.Equal((2, 0, 0), (replay.Accepted, replay.DuplicatesByMessageId, replay.AlreadyApplied));
        Assert.Equal(first.PlatformSequences, replay.PlatformSequences);
        Assert.Equal(new long[] { 3, 4 }, replay.PlatformSequences);
        Assert.Equal((4L, 0L), ((await grain.GetIntegrityAsync()).Quotes.Accepted, (await grain.GetIntegrityAsync()).Quotes.DuplicatesByMessageId));
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
