using K2.Contracts.Avro;
using K2.Contracts.Grains;
using K2.Contracts.Model;

namespace K2.Silo.Ingest;

/// <summary>Trades: <see cref="TradeAvroCodec"/> on the trade topics, <see cref="ISymbolGrain.IngestAsync"/>.</summary>
internal sealed class TradeRecordKind : LogRecordKind<Trade>
{
    public static TradeRecordKind Instance { get; } = new();

    public override MarketDataRecordType Type => MarketDataRecordType.Trade;

    public override bool TryDecode(byte[] value, out Trade? record, out string error)
    {
        var decoded = TradeAvroCodec.TryDecode(value, out record, out var reason);
        error = decoded ? string.Empty : $"not a {TradeAvroCodec.Schema.FullName} message: {reason}";
        return decoded;
    }

    public override ValueTask<IngestResult> IngestAsync(ISymbolGrain grain, LogSlice<Trade> slice) =>
        grain.IngestAsync(TradeBatch.FromLog(slice.Topic, slice.Records, slice.Positions) with
        {
            LogCluster = slice.LogCluster,
            RunStartOffset = slice.RunStart,
            PreviousOffset = slice.PreviousOffset,
        });

    public override Trade Numbered(Trade record, long platformSequence) => record with { PlatformSequence = platformSequence };
}
