using Grpc.Core;
using K2.Api.Apis;
using K2.Api.Grpc.V1;
using K2.Api.Query;
using K2.Api.Query.Candles;
using K2.Api.Query.Cursors;
using K2.Api.Subscriptions;

namespace K2.Api.Grpc;

/// <summary>
/// The gRPC face of the history API: each call goes through the same parser, seam merge and deadline as its REST
/// twin, so answers and error codes agree; <see cref="SubscribeTrades"/> streams live trades from the symbol grains.
/// </summary>
public sealed class MarketDataGrpcService(
    HistoryRequestParser parser,
    TradeHistory trades,
    CandleHistory candles,
    QueryDeadline deadline,
    CursorCodec cursors,
    SubscriptionRequestParser subscriptionParser,
    TradeFeedHub feeds,
    IHostApplicationLifetime lifetime) : MarketData.MarketDataBase
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

    /// <summary>
    /// Backfill then live trades until the client cancels. Ends with <c>RESOURCE_EXHAUSTED</c> when the client reads
    /// too slowly (<c>subscriber_too_slow</c>), <c>ABORTED</c> when missed trades cannot be recovered
    /// (<c>subscription_gap</c>), <c>UNAVAILABLE</c> when the API shuts down.
    /// </summary>
    public override async Task SubscribeTrades(SubscribeTradesRequest request, IServerStreamWriter<TradeUpdate> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var (symbols, backfill) = subscriptionParser.Parse(request.Symbols, request.HasBackfill ? request.Backfill : null);
        await using var subscription = feeds.Open();

        // Reading stops at once on overflow; a write already waiting for the client gets the grace period to finish,
        // so a client that resumes reading receives what the transport holds and then the status.
        using var writes = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        using var reads = CancellationTokenSource.CreateLinkedTokenSource(writes.Token, subscription.Overflowed);
        using var grace = subscription.Overflowed.Register(() => writes.CancelAfter(subscription.OverflowGrace));
        try
        {
            await foreach (var update in subscription.ReadAsync(symbols, backfill, reads.Token))
            {
                await responseStream.WriteAsync(GrpcMapping.ToMessage(update), writes.Token);
            }
        }
        catch (OperationCanceledException) when (subscription.Overflowed.IsCancellationRequested)
        {
            throw subscription.TooSlow();
        }
        catch (ApiException refused)
        {
            subscription.Outcome = refused.Error;
            throw;
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            subscription.Outcome = "shutting_down";
            throw new ApiException(StatusCodes.Status503ServiceUnavailable, "shutting_down", "The API instance is shutting down; subscribe again (to another instance).");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            subscription.Outcome = "error";
            throw;
        }
    }
}
