namespace K2.Kafka.Topics;

/// <summary>Which record type a market-data topic carries.</summary>
public enum MarketDataKind
{
    Trade = 0,
    Quote = 1,
}
