using Grpc.Core;
using K2.Api.Apis;
using K2.Api.Grpc.V1;
using K2.Api.Query;
using K2.Api.Query.Candles;
using K2.Api.Query.Cursors;

namespace K2.Api.Grpc;

/// <summary>
/// The gRPC face of the history API: each call goes through the same parser, seam merge and deadline as its REST
/// twin, so answers and error codes agree. Live subscriptions are not here yet (they need grain-side streaming).
/// </summary>
public sealed class MarketDataGrpcService(
    HistoryRequestParser parser,
    TradeHistory trades,
    CandleHistory candles,
    QueryDeadline deadline,
    CursorCodec cursors) : MarketData.MarketDataBase
{
    public override async Task<TradePage> GetTrades(TradesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var page = await TradesApi.ReadPageAsync(GrpcMapping.ToQuery(request), parser, trades, deadline, cursors, context.CancellationToken);
        return GrpcMapping.ToMessage(page);
    }

    /// <summary>Pages through the range with the REST cursor, so each trade is sent once even while new ones arrive.</summary>
    public override async Task StreamTrades(TradesRequest request, IServerStreamWriter<V1.Trade> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var query = GrpcMapping.ToQuery(request);
        do
        {
            var page = await TradesApi.ReadPageAsync(query, parser, trades, deadline, cursors, context.CancellationToken);
            foreach (var trade in page.Trades)
            {
                await responseStream.WriteAsync(GrpcMapping.ToMessage(trade), context.CancellationToken);
            }

            query = new HistoryQueryText
            {
                Exchange = query.Exchange,
                Symbol = query.Symbol,
                Start = query.Start,
                End = query.End,
                Limit = query.Limit,
                Order = query.Order,
                AsOfSnapshot = query.AsOfSnapshot,
                AsOf = query.AsOf,
                Cursor = page.NextCursor,
            };
        }
        while (query.Cursor is not null);
    }

    public override async Task<CandlePage> GetOhlcv(OhlcvRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var page = await OhlcvApi.ReadCandlesAsync(request.Interval, GrpcMapping.ToQuery(request.Range ?? new TradesRequest()), parser, candles, deadline, cursors, context.CancellationToken);
        return GrpcMapping.ToMessage(page);
    }
}
