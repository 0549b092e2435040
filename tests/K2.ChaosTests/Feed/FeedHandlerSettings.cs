using System.Globalization;
using K2.Testing.Binance;

namespace K2.ChaosTests.Feed;

/// <summary>
/// The feed handler process's configuration for the chaos run (<c>K2:Binance</c> as environment variables): the fake
/// server as its only endpoint and REST base, the scenario's symbols, and bounds short enough that every fault is
/// noticed and recovered from several times within a short-mode run.
/// </summary>
public static class FeedHandlerSettings
{
    /// <summary>The feed's <c>MaxMessageBytes</c>; the oversized frames are bigger by <see cref="OversizeMargin"/>.</summary>
    public const int MaxMessageBytes = 16 * 1024;

    public const int OversizeMargin = 4 * 1024;

    /// <summary>
    /// No frame for this long and the feed replaces the connection. The market streams every 20 ms, so only the
    /// injected stale connection is ever this quiet.
    /// </summary>
    public static readonly TimeSpan StalenessBound = TimeSpan.FromSeconds(2);

    public static IReadOnlyDictionary<string, string> For(FakeBinanceServer server, IReadOnlyList<string> symbols)
    {
        ArgumentNullException.ThrowIfNull(server);
        var settings = new Dictionary<string, string>
        {
            ["K2__Kafka__ClientId"] = "k2-chaos-feed",
            ["K2__Binance__WebSocketEndpoints__0"] = server.WebSocketUri.ToString(),
            ["K2__Binance__RestBaseUrl"] = server.RestUri.ToString(),
            ["K2__Binance__StalenessBound"] = StalenessBound.ToString("c", CultureInfo.InvariantCulture),
            ["K2__Binance__MaxMessageBytes"] = MaxMessageBytes.ToString(CultureInfo.InvariantCulture),
            // Reconnect at once after a drop (the production default waits up to 1 s, then backs off to 60 s).
            ["K2__Binance__Reconnect__Initial"] = "00:00:00.100",
            ["K2__Binance__Reconnect__Max"] = "00:00:02",
            // A repair page that failed is retried after 1 s instead of 5 s.
            ["K2__Binance__GapRepair__DefaultRetryAfter"] = "00:00:01",
        };
        for (var i = 0; i < symbols.Count; i++)
        {
            settings[$"K2__Binance__Symbols__{i.ToString(CultureInfo.InvariantCulture)}"] = symbols[i];
        }

        return settings;
    }
}
