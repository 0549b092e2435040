using System.Text;
using BenchmarkDotNet.Attributes;
using K2.Ingestion.Binance.Parsing;

namespace K2.Benchmarks;

/// <summary>One combined-stream trade frame as Binance sends it, parsed into a trade.</summary>
[MemoryDiagnoser]
public class BinanceParseBenchmarks
{
    private static readonly byte[] Frame = Encoding.UTF8.GetBytes(
        """{"stream":"btcusdt@trade","data":{"e":"trade","E":1710064800123,"s":"BTCUSDT","t":4851805410,"p":"67123.45000000","q":"0.00012345","T":1710064800120,"m":true,"M":true}}""");

    private readonly BinanceTradeParser _parser = new(BinanceSymbolResolver.Default);
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    [Benchmark]
    public bool ParseTradeFrame() => _parser.Parse(Frame, _now).IsTrade;
}
