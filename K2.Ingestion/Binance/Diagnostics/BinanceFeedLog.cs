using K2.Ingestion.Binance.Parsing;
using K2.Ingestion.Binance.Resilience;

namespace K2.Ingestion.Binance.Diagnostics;

/// <summary>Structured log events of the live feed (source-generated: no boxing or formatting when disabled).</summary>
internal static partial class BinanceFeedLog
{
    [LoggerMessage(1000, LogLevel.Information, "Binance feed is disabled (K2:Binance:Enabled = false)")]
    public static partial void FeedDisabled(this ILogger logger);

    [LoggerMessage(1001, LogLevel.Information, "Binance feed starting: {StreamCount} trade streams, endpoints {Endpoints}")]
    public static partial void FeedStarting(this ILogger logger, int streamCount, string endpoints);

    [LoggerMessage(1002, LogLevel.Information, "Binance feed stopped")]
    public static partial void FeedStopped(this ILogger logger);

    [LoggerMessage(1010, LogLevel.Information, "Connected to {Endpoint} as connection {Connection}")]
    public static partial void Connected(this ILogger logger, string endpoint, int connection);

    [LoggerMessage(1011, LogLevel.Warning, "Connecting to {Endpoint} failed; next attempt in {Delay}")]
    public static partial void ConnectFailed(this ILogger logger, Exception exception, string endpoint, TimeSpan delay);

    [LoggerMessage(1012, LogLevel.Debug, "Circuit breaker refuses connection attempts for another {Delay}")]
    public static partial void BreakerRefused(this ILogger logger, TimeSpan delay);

    [LoggerMessage(1013, LogLevel.Warning, "Binance connection circuit breaker is now {State}")]
    public static partial void BreakerStateChanged(this ILogger logger, CircuitState state);

    [LoggerMessage(1014, LogLevel.Information, "Reconnecting in {Delay}")]
    public static partial void ReconnectDelay(this ILogger logger, TimeSpan delay);

    [LoggerMessage(1020, LogLevel.Information, "Connection {Connection} ended ({Reason}) after {Messages} messages")]
    public static partial void SessionEnded(this ILogger logger, int connection, string reason, long messages);

    [LoggerMessage(1021, LogLevel.Warning, "Connection {Connection} ended ({Reason}) after {Messages} messages")]
    public static partial void SessionFailed(this ILogger logger, Exception exception, int connection, string reason, long messages);

    [LoggerMessage(1022, LogLevel.Warning, "Connection {Connection} sent nothing for {Bound}: presumed dead, replacing it")]
    public static partial void StaleConnection(this ILogger logger, int connection, TimeSpan bound);

    [LoggerMessage(1030, LogLevel.Information, "Replacing connection {Connection} ({Reason}): opening its successor first")]
    public static partial void RotationStarting(this ILogger logger, int connection, string reason);

    [LoggerMessage(1031, LogLevel.Information, "Connection {Connection} succeeded by connection {Successor}; draining the old one until Binance closes it")]
    public static partial void RotationSwitched(this ILogger logger, int connection, int successor);

    [LoggerMessage(1032, LogLevel.Warning, "Could not open a successor for connection {Connection}; keeping it and retrying in {Delay}")]
    public static partial void RotationDeferred(this ILogger logger, int connection, TimeSpan delay);

    [LoggerMessage(1040, LogLevel.Warning, "Dead-lettered the message at {Position}: {Code} {Reason}")]
    public static partial void DeadLettered(this ILogger logger, string position, BinanceParseErrorCode code, string reason);

    [LoggerMessage(1041, LogLevel.Information, "Ignored a control response at {Position}: {Preview}")]
    public static partial void ControlResponseIgnored(this ILogger logger, string position, string preview);

    [LoggerMessage(1042, LogLevel.Information, "Binance announced a server shutdown at {Position}")]
    public static partial void ServerShutdownAnnounced(this ILogger logger, string position);
}
