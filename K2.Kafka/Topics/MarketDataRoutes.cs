using K2.Contracts.Model;

namespace K2.Kafka.Topics;

/// <summary>
/// Maps a record to its topic by venue. A venue without a route is an error, not an auto-created topic: a new venue
/// needs its topic, partition count and dead-letter source decided first.
/// </summary>
public static class MarketDataRoutes
{
    public static MarketDataRoute BinanceTrades { get; } = new(KafkaTopics.BinanceTrades, "binance", MarketDataKind.Trade);

    public static MarketDataRoute AsxTrades { get; } = new(KafkaTopics.AsxTrades, "asx", MarketDataKind.Trade);

    public static MarketDataRoute AsxQuotes { get; } = new(KafkaTopics.AsxQuotes, "asx", MarketDataKind.Quote);

    public static IReadOnlyList<MarketDataRoute> All { get; } = [BinanceTrades, AsxTrades, AsxQuotes];

    public static MarketDataRoute ForTrade(Trade trade)
    {
        ArgumentNullException.ThrowIfNull(trade);
        return Find(trade.Exchange, MarketDataKind.Trade);
    }

    public static MarketDataRoute ForQuote(Quote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        return Find(quote.Exchange, MarketDataKind.Quote);
    }

    private static MarketDataRoute Find(string exchange, MarketDataKind kind)
    {
        // A venue's source name is its exchange code in lower case (BINANCE -> binance).
        foreach (var route in All)
        {
            if (route.Kind == kind && string.Equals(route.Source, exchange, StringComparison.OrdinalIgnoreCase))
            {
                return route;
            }
        }

        throw new ArgumentException($"No Kafka topic is configured for {kind.ToString().ToLowerInvariant()}s of exchange '{exchange}'.", nameof(exchange));
    }
}
