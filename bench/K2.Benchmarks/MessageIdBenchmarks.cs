using BenchmarkDotNet.Attributes;
using K2.Contracts.Model;

namespace K2.Benchmarks;

/// <summary>The deterministic UUIDv5 every feed handler computes per record.</summary>
[MemoryDiagnoser]
public class MessageIdBenchmarks
{
    [Benchmark]
    public Guid TradeMessageId() => MessageIds.ForTrade("BINANCE", "BTCUSDT", "BINANCE-4851805410");
}
