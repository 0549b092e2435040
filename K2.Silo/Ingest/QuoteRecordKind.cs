using K2.Contracts.Avro;
using K2.Contracts.Grains;
using K2.Contracts.Model;

namespace K2.Silo.Ingest;

/// <summary>Quotes: <see cref="QuoteAvroCodec"/> on the quote topic, <see cref="ISymbolGrain.IngestQuotesAsync"/>.</summary>
internal sealed class QuoteRecordKind : LogRecordKind<Quote>
{
    public static QuoteRecordKind Instance { get; } = new();

    public override MarketDataRecordType Type => MarketDataRecordType.Quote;

    public override bool TryDecode(byte[] value, out Quote? record, out string error)
    {
        var decoded = QuoteAvroCodec.TryDecode(value, out record, out var reason);
        error = decoded ? string.Empty : $"not a {QuoteAvroCodec.Schema.FullName} message: {reason}";
        return decoded;
    }

    public override ValueTask<IngestResult> IngestAsync(ISymbolGrain grain, LogSlice<Quote> slice) =>
        grain.IngestQuotesAsync(QuoteBatch.FromLog(slice.Topic, slice.Records, slice.Positions) with
        {
            LogCluster = slice.LogCluster,
            RunStartOffset = slice.RunStart,
            PreviousOffset = slice.PreviousOffset,
        });

    public override Quote Numbered(Quote record, long platformSequence) => record with { PlatformSequence = platformSequence };
}
