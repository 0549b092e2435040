using System.Diagnostics.CodeAnalysis;
using K2.Contracts.Model;

namespace K2.Ingestion.Asx.Parsing;

/// <summary>
/// Turns one line of an ASX quotes file, <c>MM/DD/YYYY,HH:MM:SS.fff,bid,ask,bid_volume,ask_volume</c>, into a K2
/// <see cref="Quote"/> or a typed error. A zero price or volume is kept as zero: that side of the book was empty.
/// </summary>
/// <remarks>
/// A quote with both sides empty is valid, not rejected: it says the book was cleared (e.g. a halt or the end of the
/// session), and dropping it would leave consumers showing the last top of book as if it still stood. Crossed books
/// (bid above ask, normal while the pre-open auction forms) are also kept as they are.
/// </remarks>
public sealed class AsxQuoteParser
{
    private const int BidField = 2;
    private const int AskField = 3;
    private const int BidVolumeField = 4;
    private const int AskVolumeField = 5;
    private const int FieldCount = 6;

    private readonly AsxExchangeClock _clock;

    public AsxQuoteParser(AsxExchangeClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
    }

    public bool TryParse(
        ReadOnlySpan<byte> line,
        AsxFileContext file,
        DateTimeOffset ingestedAt,
        [NotNullWhen(true)] out Quote? quote,
        out AsxRowError error)
    {
        ArgumentNullException.ThrowIfNull(file);
        quote = null;
        Span<Range> fields = stackalloc Range[FieldCount];
        if (!AsxRowPrelude.TryRead(line, fields, file, _clock, out var key, out error)
            || !AsxFieldText.TryReadNumber(line[fields[BidField]], "bid", out var bid, out error)
            || !AsxFieldText.TryReadNumber(line[fields[AskField]], "ask", out var ask, out error)
            || !AsxFieldText.TryReadNumber(line[fields[BidVolumeField]], "bid_volume", out var bidVolume, out error)
            || !AsxFieldText.TryReadNumber(line[fields[AskVolumeField]], "ask_volume", out var askVolume, out error))
        {
            return false;
        }

        quote = new Quote
        {
            MessageId = MessageIds.ForQuote(AsxExchange.Code, key.Symbol, key.RecordId),
            QuoteId = key.RecordId,
            Symbol = key.Symbol,
            Exchange = AsxExchange.Code,
            AssetClass = AsxExchange.AssetClass,
            Timestamp = key.Timestamp,
            BidPrice = bid,
            BidQuantity = bidVolume,
            AskPrice = ask,
            AskQuantity = askVolume,
            Currency = AsxExchange.Currency,
            SourceSequence = null,
            IngestionTimestamp = ingestedAt,
            VendorData = file.VendorData.Get(),
        };
        return true;
    }
}
