using K2.Ingestion.Binance.Diagnostics;
using K2.Ingestion.Binance.Resilience;

namespace K2.Ingestion.Binance.Streaming;

/// <summary>
/// Connection attempts under the feed's policies: the circuit breaker decides whether an attempt may happen, a
/// failure moves to the next endpoint and grows the jittered backoff, and nothing ever gives up while the service runs.
/// </summary>
internal sealed class ResilientConnector(
    BinanceConnector connector,
    CircuitBreaker breaker,
    ExponentialBackoff backoff,
    EndpointFailover endpoints,
    BinanceFeedMetrics metrics,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>Keeps trying until connected or stopped.</summary>
    public async Task<BinanceConnection> ConnectAsync(CancellationToken stopping)
    {
        while (true)
        {
            var attempt = await TryConnectOnceAsync(stopping);
            if (attempt.Connection is { } connection)
            {
                return connection;
            }

            await Task.Delay(attempt.RetryAfter, time, stopping);
        }
    }

    /// <summary>At most one attempt, if the breaker allows it; never waits out a delay itself.</summary>
    public async Task<ConnectAttempt> TryConnectOnceAsync(CancellationToken stopping)
    {
        if (!breaker.TryAcquire(out var wait))
        {
            logger.BreakerRefused(wait);
            return new ConnectAttempt(null, wait);
        }

        var endpoint = endpoints.Current;
        try
        {
            var connection = await connector.ConnectAsync(endpoint, stopping);
            breaker.RecordSuccess();
            logger.Connected(connection.Endpoint, connection.Number);
            return new ConnectAttempt(connection, TimeSpan.Zero);
        }
        catch (Exception ex) when (!stopping.IsCancellationRequested)
        {
            breaker.RecordFailure();
            metrics.Reconnect(ReconnectReason.ConnectFailed);
            endpoints.Advance();
            var delay = backoff.NextDelay();
            logger.ConnectFailed(ex, BinanceStreamUri.Display(endpoint), delay);
            return new ConnectAttempt(null, delay);
        }
    }

    /// <summary>
    /// The pause after a session ended. A session that delivered messages proves the path healthy, so the backoff
    /// restarts from its initial value (still jittered); one that delivered nothing keeps growing it, so a server
    /// that accepts and immediately drops cannot make the feed hammer it.
    /// </summary>
    public Task PauseBeforeReconnectAsync(bool lastSessionWasHealthy, CancellationToken stopping)
    {
        if (lastSessionWasHealthy)
        {
            backoff.Reset();
        }

        var delay = backoff.NextDelay();
        logger.ReconnectDelay(delay);
        return Task.Delay(delay, time, stopping);
    }
}
