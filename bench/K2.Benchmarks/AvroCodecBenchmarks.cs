using BenchmarkDotNet.Attributes;
using K2.Contracts.Avro;
using K2.Contracts.Model;

namespace K2.Benchmarks;

/// <summary>The Kafka value codec: what every produced and consumed trade pays.</summary>
[MemoryDiagnoser]
public class AvroCodecBenchmarks
{
    private readonly Trade _trade = SampleTrades.Binance(4_851_805_410);
    private readonly System.Buffers.ArrayBufferWriter<byte> _output = new(512);
    private byte[] _encoded = [];

    [GlobalSetup]
    public void Setup() => _encoded = TradeAvroCodec.Encode(_trade);

    [Benchmark]
    public int EncodeTrade()
    {
        _output.ResetWrittenCount();
        return TradeAvroCodec.Encode(_trade, _output);
    }

    [Benchmark]
    public Trade DecodeTrade() => TradeAvroCodec.Decode(_encoded);
}
