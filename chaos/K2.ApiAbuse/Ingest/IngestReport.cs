using System.Globalization;
using System.Text;
using K2.Bench.Freshness;

namespace K2.ApiAbuse.Ingest;

/// <summary>The live-ingest half of the run's report: figures per window, then the exactly-once count per symbol.</summary>
internal static class IngestReport
{
    public static string Markdown(IReadOnlyList<WindowFigures> windows, IReadOnlyList<SymbolCount> symbols, bool settled, int failedApiPolls)
    {
        var s = new StringBuilder();
        s.AppendLine("| window | seconds | produced/s | committed to the table/s | in the grain p50 / p99 | through the API p50 / p99 | in a committed snapshot p50 / p99 | API RSS peak | silo process RSS peak |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var w in windows)
        {
            s.AppendLine(CultureInfo.InvariantCulture,
                $"| {w.Name} | {w.Elapsed.TotalSeconds:N0} | {w.ProducedPerSecond:N0} | {w.CommittedPerSecond:N0} | {Latency(w.Grain)} | {Latency(w.Api)} | {Latency(w.Snapshot)} | {w.ApiPeakMiB:N0} MiB | {w.SiloPeakMiB:N0} MiB |");
        }

        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Probes per window: {string.Join(", ", windows.Select(w => $"{w.Name} {w.Snapshot.Samples:N0} committed / {w.Api.Samples:N0} via API / {w.Grain.Samples:N0} in the grain"))}. API freshness polls without a 200: {failedApiPolls:N0}.");
        s.AppendLine();
        s.AppendLine("| symbol | produced | rows in the table | distinct trade ids | lost | duplicated |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var c in symbols)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"| {c.Symbol} | {c.Produced:N0} | {c.Rows:N0} | {c.DistinctTradeIds:N0} | {c.Lost:N0} | {c.Duplicated:N0} |");
        }

        s.AppendLine();
        var exact = symbols.All(c => c.ExactlyOnce);
        s.AppendLine(CultureInfo.InvariantCulture,
            $"exactly once: {(exact ? "yes" : "NO")} ({symbols.Sum(c => c.Produced):N0} produced, {symbols.Sum(c => c.Rows):N0} rows){(settled ? string.Empty : "; the table had not caught up when the settle time ran out")}");
        return s.ToString();
    }

    private static string Latency(LatencySummary latency) =>
        latency.Samples == 0 ? "—" : string.Create(CultureInfo.InvariantCulture, $"{latency.P50:N0} / {latency.P99:N0} ms");
}
