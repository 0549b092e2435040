using K2.Kafka.Configuration;
using K2.Kafka.Publishing;
using K2.Kafka.Serialization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace K2.Bench.Freshness;

/// <summary>K2's own publisher (idempotent, acks=all, Avro), as a feed handler produces, for load and probe producers.</summary>
internal static class TradePublishers
{
    public static KafkaMarketDataPublisher Create(KafkaOptions kafka) => new(
        Options.Create(kafka), new AvroTradeSerializer(), new AvroQuoteSerializer(), NullLogger<KafkaMarketDataPublisher>.Instance);
}
