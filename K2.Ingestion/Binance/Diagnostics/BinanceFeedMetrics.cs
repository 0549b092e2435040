using System.Diagnostics.Metrics;
using K2.Ingestion.Binance.Parsing;
using K2.Ingestion.Binance.Resilience;

namespace K2.Ingestion.Binance.Diagnostics;

/// <summary>
/// Counters of the Binance feed and its gap repair on the <c>K2.Ingestion</c> meter (exported by the service
/// defaults' <c>K2.*</c> meter rule).
/// </summary>
public sealed class BinanceFeedMetrics
{
    public const string MeterName = "K2.Ingestion";

    private readonly Counter<long> _messagesReceived;
    private readonly Counter<long> _tradesPublished;
    private readonly Counter<long> _parseErrors;
    private readonly Counter<long> _reconnects;
    private readonly Counter<long> _tradesBackfilled;
    private readonly Counter<long> _restRequests;
    private int _breakerState;

    public BinanceFeedMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(MeterName);
        _messagesReceived = Meter.CreateCounter<long>("k2.binance.messages_received", "{message}", "WebSocket messages received, of any kind.");
        _tradesPublished = Meter.CreateCounter<long>("k2.binance.trades_published", "{trade}", "Live trades handed to the market-data publisher.");
        _parseErrors = Meter.CreateCounter<long>("k2.binance.parse_errors", "{message}", "Messages dead-lettered, by error code.");
        _reconnects = Meter.CreateCounter<long>("k2.binance.reconnects", "{connection}", "Connections replaced, by reason.");
        _tradesBackfilled = Meter.CreateCounter<long>("k2.binance.gap_repair.trades", "{trade}", "Trades republished by gap repair.");
        _restRequests = Meter.CreateCounter<long>("k2.binance.gap_repair.requests", "{request}", "historicalTrades calls, by HTTP status.");
        Meter.CreateObservableGauge("k2.binance.breaker_state", () => Volatile.Read(ref _breakerState), "{state}", "Connection circuit breaker: 0 closed, 1 open, 2 half-open.");
    }

    public Meter Meter { get; }

    public void MessageReceived() => _messagesReceived.Add(1);

    public void TradePublished() => _tradesPublished.Add(1);

    public void ParseError(BinanceParseErrorCode code) => _parseErrors.Add(1, new KeyValuePair<string, object?>("code", code.ToString()));

    public void Reconnect(string reason) => _reconnects.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void TradesBackfilled(int count) => _tradesBackfilled.Add(count);

    public void RestRequest(int statusCode) => _restRequests.Add(1, new KeyValuePair<string, object?>("status", statusCode));

    public void BreakerState(CircuitState state) => Volatile.Write(ref _breakerState, (int)state);
}
