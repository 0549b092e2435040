using System.Globalization;
using K2.Contracts.Model;
using K2.Testing.Binance;

namespace K2.Ingestion.Tests.Binance.Streaming;

/// <summary>The test's own statement of how a Binance trade must look in K2, field by field.</summary>
internal static class ExpectedTrades
{
    public static void AssertMatches(BinanceTradeSample sample, Trade trade, string quoteAsset = "USDT")
    {
        var tradeId = $"BINANCE-{sample.Id}";
        Assert.Equal(MessageIds.ForTrade("BINANCE", sample.Symbol, tradeId), trade.MessageId);
        Assert.Equal(tradeId, trade.TradeId);
        Assert.Equal(sample.Symbol, trade.Symbol);
        Assert.Equal("BINANCE", trade.Exchange);
        Assert.Equal(AssetClass.Crypto, trade.AssetClass);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(sample.TradeTime), trade.Timestamp);
        Assert.Equal(decimal.Parse(sample.Price, CultureInfo.InvariantCulture), trade.Price);
        Assert.Equal(decimal.Parse(sample.Quantity, CultureInfo.InvariantCulture), trade.Quantity);
        Assert.Equal(quoteAsset, trade.Currency);
        Assert.Equal(sample.BuyerIsMaker ? TradeSide.Sell : TradeSide.Buy, trade.Side);
        Assert.Equal(sample.Id, trade.SourceSequence);
        Assert.Equal(sample.Symbol[..^quoteAsset.Length], trade.VendorData["base_asset"]);
        Assert.Equal(quoteAsset, trade.VendorData["quote_asset"]);
        if (sample.IsBestMatch is { } bestMatch)
        {
            Assert.Equal(bestMatch ? "true" : "false", trade.VendorData["is_best_match"]);
        }
        else
        {
            Assert.False(trade.VendorData.ContainsKey("is_best_match"));
        }
    }

    public static void AssertLive(BinanceTradeSample sample, Trade trade)
    {
        AssertMatches(sample, trade);
        Assert.Equal("ws-trade", trade.VendorData["source"]);
        Assert.Equal(sample.StreamName, trade.VendorData["stream"]);
        Assert.Equal(sample.EventTime.ToString(CultureInfo.InvariantCulture), trade.VendorData["event_time"]);
        Assert.False(trade.VendorData.ContainsKey("backfilled"));
    }

    public static string[] Ids(IEnumerable<BinanceTradeSample> samples) => [.. samples.Select(sample => $"BINANCE-{sample.Id}")];

    public static string[] Ids(IEnumerable<Trade> trades) => [.. trades.Select(trade => trade.TradeId)];
}
