namespace K2.Contracts.Avro;

/// <summary>The record types K2 puts on Kafka; consumers switch on this after <see cref="MarketDataSchemas.Identify"/>.</summary>
public enum MarketDataRecordType
{
    Trade = 1,
    Quote = 2,
}
