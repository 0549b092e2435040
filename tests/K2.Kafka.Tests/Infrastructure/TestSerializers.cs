using K2.Kafka.Serialization;

namespace K2.Kafka.Tests.Infrastructure;

/// <summary>The production value format: Avro single-object messages.</summary>
internal static class TestSerializers
{
    public static AvroTradeSerializer Trades { get; } = new();

    public static AvroQuoteSerializer Quotes { get; } = new();
}
