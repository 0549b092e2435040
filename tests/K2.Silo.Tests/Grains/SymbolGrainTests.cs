using K2.Contracts.Grains;
using K2.Contracts.Model;
using K2.Silo.Tests.Persistence;
using K2.Testing;

namespace K2.Silo.Tests.Grains;

[Collection(TwoSiloClusterCollection.Name)]
public sealed class SymbolGrainTests(TwoSiloClusterFixture fixture)
{
    private ISymbolGrain Grain(string exchange, string symbol) =>
        fixture.Cluster.Client.GetGrain<ISymbolGrain>(new SymbolKey(exchange, symbol).ToString());

    private static string UniqueSymbol(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..20].ToUpperInvariant();

    [Fact]
    public async Task A_batch_is_classified_in_one_call_and_the_summary_reflects_it()
    {
        var symbol = UniqueSymbol("BTC");
        var grain = Grain("BINANCE", symbol);
        Trade[] batch = [.. new long[] { 1, 2, 5, 3, 3 }.Select(id => Trades.Binance(id, symbol: symbol))];

        var result = await grain.IngestAsync(new TradeBatch(batch));

        Assert.Equal(4, result.Accepted);
        Assert.Equal(1, result.Late);
        Assert.Equal(1, result.DuplicatesByMessageId);
        var gap = Assert.Single(result.NewGaps);
        Assert.Equal((3, 4), (gap.From, gap.To));
        var summary = await grain.GetIntegrityAsync();
        Assert.Equal(symbol, summary.Symbol);
        Assert.Equal([(4L, 4L)], summary.OpenGaps.Select(open => (open.From, open.To)));
        Assert.Equal(5, summary.LastSequence);
    }

    [Fact]
    public async Task Trades_for_another_symbol_or_with_invalid_values_are_rejected_with_a_reason()
    {
        var symbol = UniqueSymbol("ETH");
        var grain = Grain("BINANCE", symbol);
        var wrongSymbol = Trades.Binance(1, symbol: "OTHERUSDT");
        var negativePrice = Trades.Binance(2, symbol: symbol) with { Price = -1m };
        var tooPrecise = Trades.Binance(3, symbol: symbol) with { Quantity = 0.000000001m };

        var result = await grain.IngestAsync(new TradeBatch([wrongSymbol, negativePrice, tooPrecise, Trades.Binance(4, symbol: symbol)]));

        Assert.Equal(1, result.Accepted);
        Assert.Equal(3, result.Rejected);
        Assert.Collection(
            result.Rejections,
            rejection => Assert.Contains("OTHERUSDT", rejection.Reason, StringComparison.Ordinal),
            rejection => Assert.Contains("price", rejection.Reason, StringComparison.Ordinal),
            rejection => Assert.Contains("quantity", rejection.Reason, StringComparison.Ordinal));
        Assert.Equal(3, (await grain.GetIntegrityAsync()).Rejected);
    }

    [Fact]
    public async Task The_hot_window_returns_accepted_trades_newest_first_with_platform_sequences()
    {
        var symbol = UniqueSymbol("BHP");
        var grain = Grain("ASX", symbol);
        Trade[] batch = [.. Enumerable.Range(1, 5).Select(row => Trades.Asx(row, symbol))];

        await grain.IngestAsync(new TradeBatch(batch));
        await grain.IngestAsync(new TradeBatch([Trades.Asx(3, symbol)]));
        var recent = await grain.GetRecentTradesAsync(3);

        Assert.Equal(["5", "4", "3"], recent.Select(trade => trade.TradeId.Split('-')[^1]));
        Assert.Equal([5L, 4L, 3L], recent.Select(trade => trade.PlatformSequence!.Value));
    }

    [Fact]
    public async Task Exact_decimals_survive_the_grain_call_and_the_hot_window()
    {
        var symbol = UniqueSymbol("XRP");
        var grain = Grain("BINANCE", symbol);

        await grain.IngestAsync(new TradeBatch([Trades.Binance(1, symbol: symbol)]));
        var stored = Assert.Single(await grain.GetRecentTradesAsync(10));

        Assert.Equal("0.00012345", stored.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("67123.45678901", stored.Price.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Many_symbols_keep_their_sequences_apart()
    {
        var symbols = Enumerable.Range(0, 20).Select(_ => UniqueSymbol("S")).ToArray();

        await Task.WhenAll(symbols.Select((symbol, index) =>
            Grain("BINANCE", symbol).IngestAsync(new TradeBatch(
                [.. Enumerable.Range(1, 10 + index).Select(id => Trades.Binance(id, symbol: symbol))])).AsTask()));
        var summaries = await Task.WhenAll(symbols.Select(symbol => Grain("BINANCE", symbol).GetIntegrityAsync().AsTask()));

        for (var index = 0; index < symbols.Length; index++)
        {
            Assert.Equal(10 + index, summaries[index].Accepted);
            Assert.Equal(10 + index, summaries[index].LastSequence);
            Assert.Equal(0, summaries[index].Duplicates());
            Assert.Empty(summaries[index].OpenGaps);
        }
    }

    [Fact]
    public async Task One_hundred_thousand_trades_in_order_flow_through_one_grain_in_batches()
    {
        const int total = 100_000;
        const int batchSize = 1_000;
        var symbol = UniqueSymbol("SOL");
        var grain = Grain("BINANCE", symbol);
        var accepted = 0;

        for (var start = 1; start <= total; start += batchSize)
        {
            var batch = new TradeBatch([.. Enumerable.Range(start, batchSize).Select(id => Trades.Binance(id, symbol: symbol))]);
            accepted += (await grain.IngestAsync(batch)).Accepted;
        }

        var summary = await grain.GetIntegrityAsync();
        Assert.Equal(total, accepted);
        Assert.Equal(total, summary.Accepted);
        Assert.Equal(total, summary.LastSequence);
        Assert.Equal(total, summary.LastPlatformSequence);
        Assert.Equal(0, summary.GapsDetected);
        Assert.Equal(total, (await grain.GetRecentTradesAsync(1))[0].SourceSequence);
    }
}

internal static class SummaryExtensions
{
    public static long Duplicates(this IntegritySummary summary) => summary.DuplicatesBySequence + summary.DuplicatesByMessageId;
}
