using System.Diagnostics.Metrics;
using K2.Silo.Ingest;

namespace K2.Silo.HotWindow;

/// <summary>
/// Gauges of the silo's hot window budgets on meter <see cref="IngestMetrics.MeterName"/>: how many windows of each kind
/// hold records and the flushed records each may keep now, so an operator sees when the silo's bound, not
/// <see cref="HotWindowOptions.MaxTrades"/>, decides how much history the hot path keeps.
/// </summary>
public static class HotWindowMetrics
{
    private const string Kind = "kind";

    public static void Observe(IMeterFactory meterFactory, HotWindowBudget trades, HotWindowBudget quotes)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(IngestMetrics.MeterName);
        meter.CreateObservableGauge(
            "k2.silo.hot_window.windows",
            () => Both(trades.Windows, quotes.Windows),
            unit: "{window}",
            description: "Symbol hot windows holding records in this silo, by kind (trade, quote).");
        meter.CreateObservableGauge(
            "k2.silo.hot_window.share",
            () => Both(trades.MaxRecords, quotes.MaxRecords),
            unit: "{record}",
            description: "Flushed records each window may keep now: K2:HotWindow:MaxSiloTrades shared among the windows, at most MaxTrades.");
    }

    private static Measurement<int>[] Both(int trade, int quote) =>
        [new(trade, new KeyValuePair<string, object?>(Kind, "trade")), new(quote, new KeyValuePair<string, object?>(Kind, "quote"))];
}
