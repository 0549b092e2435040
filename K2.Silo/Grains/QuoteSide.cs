using K2.Contracts.Model;
using K2.Silo.HotWindow;
using K2.Silo.Integrity;
using Orleans.Core;

namespace K2.Silo.Grains;

/// <summary>
/// What a symbol grain has for its quotes — the quote state's read, the quote log, its tracker and repeated values —
/// created by the first call that needs the quote state. Most symbols never see a quote (Binance has no quote feed):
/// their grain holds one null reference instead of four fields (docs/benchmarks.md, "Session 11").
/// </summary>
internal sealed class QuoteSide
{
    /// <summary>The quote state's read, shared by interleaved readers; cleared when it failed, so the next call reads again.</summary>
    public Task<IStorage<QuoteLogState>>? StateRead;

    /// <summary>The quote log, built by the first call that works on quotes.</summary>
    public LogStream<QuoteLogState, Quote, HotQuote>? Log;

    /// <summary>Classifies quotes over the log's live state (set when the log attaches it).</summary>
    public QuoteTracker Tracker = null!;

    // A field, not a property: RepeatedValues is a struct whose calls change it.
    public RepeatedValues Values;
}
