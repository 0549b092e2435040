using K2.Ingestion.Binance.Configuration;
using K2.Ingestion.Binance.Diagnostics;
using K2.Ingestion.Binance.Parsing;

namespace K2.Ingestion.Binance.Streaming;

/// <summary>
/// Runs one connection: receive, hand each message on, and replace the connection before Binance's 24 h cut-off
/// (or when Binance announces a shutdown) without losing trades.
/// </summary>
/// <remarks>
/// Rotation is make-before-break and strictly sequential: the successor is connected first (Binance starts filling
/// its socket at once), then our close frame goes to the old connection, which is read to the end (everything it
/// still carries is published) before reading switches to the successor. Trades in the overlap arrive on both and
/// are published twice with the same deterministic message id; the symbol grain's deduplication drops the copy.
/// Nothing is ever read from two sockets at once, so per-symbol order is kept apart from those duplicates.
/// </remarks>
internal sealed class BinanceSession(
    BinanceMessageHandler handler,
    ResilientConnector connector,
    BinanceFeedOptions options,
    TimeProvider time,
    ILogger logger)
{
    public async Task<SessionOutcome> RunAsync(BinanceConnection connection, CancellationToken stopping)
    {
        using var timers = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var plan = new RotationPlan(Task.Delay(options.RotationInterval, time, timers.Token), ReconnectReason.Rotation);
        try
        {
            while (true)
            {
                if (plan.IsPending)
                {
                    await TryRotateAsync(connection, plan, timers.Token, stopping);
                }

                var message = await ReceiveAsync(connection, plan, timers.Token, stopping);
                switch (message.Kind)
                {
                    case ReceivedKind.Closed:
                        return Ended(plan.Successor is null ? ReconnectReason.Closed : plan.Reason);
                    case ReceivedKind.Stale:
                        logger.StaleConnection(connection.Number, options.StalenessBound);
                        return Ended(plan.Successor is null ? ReconnectReason.Stale : plan.Reason);
                    case ReceivedKind.Oversized:
                        await handler.DeadLetterOversizedAsync(message.Payload, message.TotalBytes, connection.PositionOf(message.Frame), stopping);
                        break;
                    default:
                        var kind = await handler.HandleAsync(message.Payload, connection.PositionOf(message.Frame), stopping);
                        if (kind == BinanceMessageKind.ServerShutdown)
                        {
                            plan.RotateNow(ReconnectReason.ServerShutdown);
                        }

                        break;
                }
            }
        }
        catch (Exception ex) when (!stopping.IsCancellationRequested)
        {
            var reason = ex is System.Net.WebSockets.WebSocketException ? ReconnectReason.Dropped : ReconnectReason.Faulted;
            return new SessionOutcome(reason, connection.Frames, plan.Successor, ex);
        }
        catch
        {
            plan.Successor?.Dispose();
            throw;
        }
        finally
        {
            // Stops the rotation timer; disposing a linked source alone would leave it armed for hours.
            await timers.CancelAsync();
        }

        SessionOutcome Ended(string reason) => new(reason, connection.Frames, plan.Successor);
    }

    /// <summary>
    /// Receives the next message. While a quiet connection waits for data, a rotation that falls due is started
    /// without cancelling the receive (cancelling would abort the socket and lose what is in flight).
    /// </summary>
    private async ValueTask<ReceivedMessage> ReceiveAsync(
        BinanceConnection connection, RotationPlan plan, CancellationToken timers, CancellationToken stopping)
    {
        var pending = connection.ReceiveAsync();
        if (plan.Successor is not null || pending.IsCompleted)
        {
            return await pending;
        }

        var receiving = pending.AsTask();
        while (plan.Successor is null && await Task.WhenAny(receiving, plan.Due) != receiving && plan.IsPending)
        {
            await TryRotateAsync(connection, plan, timers, stopping);
        }

        return await receiving;
    }

    /// <remarks>
    /// The successor is opened with <paramref name="stopping"/> because it outlives this session;
    /// <paramref name="timers"/> (which ends with the session) only bounds the retry delay.
    /// </remarks>
    private async Task TryRotateAsync(BinanceConnection connection, RotationPlan plan, CancellationToken timers, CancellationToken stopping)
    {
        logger.RotationStarting(connection.Number, plan.Reason);
        var attempt = await connector.TryConnectOnceAsync(stopping);
        if (attempt.Connection is { } successor)
        {
            plan.Succeeded(successor);
            logger.RotationSwitched(connection.Number, successor.Number);
            await connection.BeginCloseAsync(stopping);
            return;
        }

        logger.RotationDeferred(connection.Number, attempt.RetryAfter);
        plan.RetryAt(Task.Delay(attempt.RetryAfter, time, timers));
    }
}
