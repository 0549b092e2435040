using K2.Contracts.Model;

namespace K2.Kafka.Tests.Infrastructure;

internal static class TestSerializers
{
    public static JsonRecordSerializer<Trade> Trades { get; } = new("test.json.Trade");

    public static JsonRecordSerializer<Quote> Quotes { get; } = new("test.json.Quote");
}
