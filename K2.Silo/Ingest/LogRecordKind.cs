using K2.Contracts.Avro;
using K2.Contracts.Grains;
using K2.Contracts.Model;

namespace K2.Silo.Ingest;

/// <summary>
/// What the consumer needs to know about one kind of record on the log (trades, quotes): how to decode it, how to hand
/// a symbol's batch of it to the grain, and how to stamp the platform sequence the grain gave it. Everything else in the
/// consumer and the flush is written once for all kinds.
/// </summary>
internal abstract class LogRecordKind<TRecord>
    where TRecord : class, IMarketDataRecord
{
    public abstract MarketDataRecordType Type { get; }

    public abstract bool TryDecode(byte[] value, out TRecord? record, out string error);

    public abstract ValueTask<IngestResult> IngestAsync(ISymbolGrain grain, LogSlice<TRecord> slice);

    public abstract TRecord Numbered(TRecord record, long platformSequence);
}
