namespace K2.Ingestion.Binance.Configuration;

/// <summary>
/// The Binance live trade feed and its gap repair. Bound from <c>K2:Binance</c>, completed by
/// <see cref="BinanceFeedDefaults"/> and checked by <see cref="BinanceFeedOptionsValidator"/> when the host starts.
/// </summary>
/// <remarks>
/// The list settings start empty on purpose: the configuration binder appends configured items to a list that
/// already holds defaults, so configuring <c>Symbols:0 = SOLUSDT</c> would silently stream four symbols.
/// Empty lists are filled with the defaults after binding instead.
/// </remarks>
public sealed class BinanceFeedOptions
{
    public const string SectionName = "K2:Binance";

    /// <summary>When false the feed service starts and immediately stands down (the process can still repair gaps).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Upper-case Binance symbols to stream, e.g. <c>BTCUSDT</c>. Empty: <see cref="BinanceFeedDefaults.Symbols"/>.</summary>
    public List<string> Symbols { get; set; } = [];

    /// <summary>
    /// WebSocket base endpoints in failover order; the combined stream path is appended.
    /// Empty: <see cref="BinanceFeedDefaults.WebSocketEndpoints"/>.
    /// </summary>
    public List<Uri> WebSocketEndpoints { get; set; } = [];

    /// <summary>
    /// Quote assets used to split a symbol into base and quote (longest suffix wins), e.g. <c>ETHFDUSD</c> → ETH/FDUSD.
    /// Empty: <see cref="BinanceFeedDefaults.QuoteAssets"/>.
    /// </summary>
    public List<string> QuoteAssets { get; set; } = [];

    /// <summary>REST base URL used by gap repair.</summary>
    public Uri RestBaseUrl { get; set; } = BinanceFeedDefaults.RestBaseUrl;

    /// <summary>How long one WebSocket handshake may take before the attempt counts as failed.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// With no data message for this long the connection is presumed dead and replaced. Must exceed the longest
    /// quiet spell of the combined stream (all symbols together), or quiet markets cause needless reconnects.
    /// </summary>
    public TimeSpan StalenessBound { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Age at which a connection is replaced (make-before-break), ahead of Binance's 24 h cut-off.</summary>
    public TimeSpan RotationInterval { get; set; } = TimeSpan.FromHours(23);

    /// <summary>Receive buffer rented per connection; it grows by doubling up to <see cref="MaxMessageBytes"/>.</summary>
    public int InitialReceiveBufferBytes { get; set; } = 4 * 1024;

    /// <summary>
    /// Largest message accepted. A trade message is a few hundred bytes; anything past this is dead-lettered
    /// (truncated to this size) and the stream carries on.
    /// </summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    public ReconnectBackoffOptions Reconnect { get; set; } = new();

    public CircuitBreakerOptions CircuitBreaker { get; set; } = new();

    public GapRepairOptions GapRepair { get; set; } = new();
}
