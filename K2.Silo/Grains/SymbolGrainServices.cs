using System.Diagnostics.Metrics;
using K2.Silo.HotWindow;
using K2.Silo.Integrity;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace K2.Silo.Grains;

/// <summary>
/// The silo's services a symbol grain works with, resolved once: each activation then holds one reference instead of
/// one per service (seven, 48 B more per activation; docs/benchmarks.md, "Session 10").
/// </summary>
public sealed class SymbolGrainServices
{
    public SymbolGrainServices(
        IOptions<IntegrityOptions> integrityOptions,
        SessionCalendars calendars,
        IOptions<HotWindowOptions> hotWindowOptions,
        DeepCopier<SymbolIntegrityState> tradeCopier,
        DeepCopier<QuoteLogState> quoteCopier,
        TimeProvider time,
        IMeterFactory meterFactory,
        ILogger<SymbolGrain> logger)
    {
        Integrity = integrityOptions.Value;
        Calendars = calendars;
        Time = time;
        Logger = logger;
        // The state names are what [PersistentState("integrity"/"quotes", ...)] used before: rows written either way are
        // the same rows.
        // Trades and quotes each have a budget of their own: the bound counts records of one kind.
        Trades = new LogKind<SymbolIntegrityState>("trade", "integrity", tradeCopier, Integrity, new HotWindowBudget(hotWindowOptions.Value), logger);
        Quotes = new LogKind<QuoteLogState>("quote", "quotes", quoteCopier, Integrity, new HotWindowBudget(hotWindowOptions.Value), logger);
        HotWindowMetrics.Observe(meterFactory, Trades.HotWindow, Quotes.HotWindow);
    }

    public IntegrityOptions Integrity { get; }

    public SessionCalendars Calendars { get; }

    public TimeProvider Time { get; }

    public ILogger<SymbolGrain> Logger { get; }

    internal LogKind<SymbolIntegrityState> Trades { get; }

    internal LogKind<QuoteLogState> Quotes { get; }
}
