using K2.Ingestion.Binance.Configuration;
using K2.Ingestion.Binance.Diagnostics;
using K2.Ingestion.Binance.Parsing;
using K2.Ingestion.Binance.Resilience;
using K2.Kafka.Publishing;
using Microsoft.Extensions.Options;

namespace K2.Ingestion.Binance.Streaming;

/// <summary>
/// The Binance live trade feed: one combined-stream WebSocket for all configured symbols, kept alive for as long
/// as the service runs — reconnecting with jittered exponential backoff, failing over across endpoints, pausing
/// behind a circuit breaker after repeated failures, replacing stale connections and rotating ahead of the 24 h
/// cut-off. See docs/binance.md.
/// </summary>
public sealed class BinanceWebSocketFeed : BackgroundService
{
    private readonly BinanceFeedOptions _options;
    private readonly CircuitBreaker _breaker;
    private readonly ResilientConnector _connector;
    private readonly BinanceSession _session;
    private readonly BinanceFeedMetrics _metrics;
    private readonly ILogger _logger;

    public BinanceWebSocketFeed(
        IOptions<BinanceFeedOptions> options,
        BinanceTradeParser parser,
        IMarketDataPublisher publisher,
        IDeadLetterPublisher deadLetters,
        BinanceFeedMetrics metrics,
        TimeProvider time,
        ILogger<BinanceWebSocketFeed> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
        _breaker = new CircuitBreaker(_options.CircuitBreaker, time);
        _breaker.StateChanged += OnBreakerStateChanged;
        _connector = new ResilientConnector(
            new BinanceConnector(_options, time),
            _breaker,
            new ExponentialBackoff(_options.Reconnect),
            new EndpointFailover(_options.WebSocketEndpoints),
            metrics,
            time,
            logger);
        var handler = new BinanceMessageHandler(parser, publisher, deadLetters, metrics, time, logger);
        _session = new BinanceSession(handler, _connector, _options, time, logger);
    }

    /// <summary>Raised on every circuit breaker transition (also exported as the <c>k2.binance.breaker_state</c> gauge).</summary>
    public event Action<CircuitState>? BreakerStateChanged;

    public CircuitState BreakerState => _breaker.State;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            _logger.FeedDisabled();
            return;
        }

        _logger.FeedStarting(_options.Symbols.Count, string.Join(", ", _options.WebSocketEndpoints));
        BinanceConnection? connection = null;
        try
        {
            while (true)
            {
                connection ??= await _connector.ConnectAsync(stoppingToken);
                var outcome = await _session.RunAsync(connection, stoppingToken);
                LogEnd(connection, outcome);
                connection.Dispose();
                connection = outcome.Successor;
                _metrics.Reconnect(outcome.Reason);
                if (connection is null)
                {
                    await _connector.PauseBeforeReconnectAsync(outcome.Messages > 0, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            connection?.Dispose();
            _logger.FeedStopped();
        }
    }

    private void LogEnd(BinanceConnection connection, SessionOutcome outcome)
    {
        if (outcome.Error is { } error)
        {
            _logger.SessionFailed(error, connection.Number, outcome.Reason, outcome.Messages);
        }
        else
        {
            _logger.SessionEnded(connection.Number, outcome.Reason, outcome.Messages);
        }
    }

    private void OnBreakerStateChanged(CircuitState state)
    {
        _metrics.BreakerState(state);
        _logger.BreakerStateChanged(state);
        BreakerStateChanged?.Invoke(state);
    }
}
