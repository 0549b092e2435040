using K2.Api.Grpc.V1;
using K2.Api.Query;
using K2.Api.Responses;
using K2.Api.Subscriptions;

namespace K2.Api.Grpc;

/// <summary>Between the gRPC messages and the REST request/response types, so both transports share one implementation.</summary>
internal static class GrpcMapping
{
    public static HistoryQueryText ToQuery(TradesRequest request) => new()
    {
        Exchange = Given(request.Exchange),
        Symbol = Given(request.Symbol),
        Start = Given(request.Start),
        End = Given(request.End),
        Limit = request.Limit == 0 ? null : request.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Cursor = Given(request.Cursor),
        Order = Given(request.Order),
        AsOfSnapshot = Given(request.AsOfSnapshot),
        AsOf = Given(request.AsOf),
    };

    public static TradePage ToMessage(TradePageResponse page)
    {
        var message = new TradePage
        {
            Exchange = page.Exchange,
            Symbol = page.Symbol,
            Order = page.Order,
            NextCursor = page.NextCursor ?? string.Empty,
        };
        if (page.ColdSnapshotId is { } snapshot)
        {
            message.ColdSnapshotId = snapshot;
        }

        if (page.FlushedThroughSequence is { } watermark)
        {
            message.FlushedThroughSequence = watermark;
        }

        message.Trades.AddRange(page.Trades.Select(ToMessage));
        return message;
    }

    public static V1.Trade ToMessage(TradeResponse trade)
    {
        var message = new V1.Trade
        {
            TradeId = trade.TradeId,
            MessageId = trade.MessageId.ToString(),
            Exchange = trade.Exchange,
            Symbol = trade.Symbol,
            AssetClass = trade.AssetClass,
            Timestamp = trade.Timestamp,
            Price = trade.Price,
            Quantity = trade.Quantity,
            Currency = trade.Currency,
            Side = trade.Side,
            IngestionTimestamp = trade.IngestionTimestamp,
        };
        message.TradeConditions.AddRange(trade.TradeConditions);
        foreach (var (key, value) in trade.VendorData)
        {
            message.VendorData[key] = value;
        }

        if (trade.SourceSequence is { } source)
        {
            message.SourceSequence = source;
        }

        if (trade.PlatformSequence is { } platform)
        {
            message.PlatformSequence = platform;
        }

        return message;
    }

    public static CandlePage ToMessage(CandlePageResponse page)
    {
        var message = new CandlePage
        {
            Exchange = page.Exchange,
            Symbol = page.Symbol,
            Interval = page.Interval,
            NextCursor = page.NextCursor ?? string.Empty,
        };
        if (page.ColdSnapshotId is { } snapshot)
        {
            message.ColdSnapshotId = snapshot;
        }

        message.Candles.AddRange(page.Candles.Select(c => new V1.Candle
        {
            Start = c.Start,
            End = c.End,
            Open = c.Open,
            High = c.High,
            Low = c.Low,
            Close = c.Close,
            Volume = c.Volume,
            Vwap = c.Vwap,
            TradeCount = c.TradeCount,
        }));
        return message;
    }

    public static TradeUpdate ToMessage(SubscriptionUpdate update)
    {
        var message = new TradeUpdate
        {
            Exchange = update.Symbol.Exchange,
            Symbol = update.Symbol.Symbol,
            Backfill = update.Backfill,
            ThroughSequence = update.ThroughSequence,
        };
        message.Trades.AddRange(update.Trades.Select(t => ToMessage(TradeResponse.From(t))));
        return message;
    }

    // proto3 strings cannot be absent: empty means "not given", as an absent query parameter does in REST.
    private static string? Given(string value) => value.Length == 0 ? null : value;
}
