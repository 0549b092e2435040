using K2.Contracts.Model;

namespace K2.Silo.HotWindow;

/// <summary>A hot quote is the quote object itself: quotes are rare (ASX only) and not worth a compact form.</summary>
public readonly struct HotQuote(Quote quote) : IHotSlot<HotQuote, Quote>
{
    public static HotQuote Pack(Quote record, in HotQuote newest, bool hasNewest) => new(record);

    public long PlatformSequence => quote.PlatformSequence ?? 0;

    public DateTimeOffset Timestamp => quote.Timestamp;

    public Quote ToRecord() => quote;
}
