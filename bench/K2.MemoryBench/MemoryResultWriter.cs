using System.Globalization;
using System.Text;
using System.Text.Json;
using K2.Bench;

namespace K2.MemoryBench;

/// <summary>Writes the run as JSON (for machines) and a Markdown table (for docs/benchmarks.md), as the ingest benchmark does.</summary>
internal static class MemoryResultWriter
{
    private const double MiB = 1024.0 * 1024.0;
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static async Task WriteAsync(MemoryOptions options, ActiveResult? active, IdleResult idle, string loadAtStart, TextWriter log)
    {
        Directory.CreateDirectory(options.OutputDirectory);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var json = Path.Combine(options.OutputDirectory, $"memory-{stamp}.json");
        var markdown = Path.Combine(options.OutputDirectory, $"memory-{stamp}.md");
        var loadAtEnd = LoadAverage.Read();
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new
        {
            active = active is null ? null : new
            {
                active.Symbols,
                trades_per_s = active.Rate,
                seconds = active.Duration.TotalSeconds,
                active.Produced,
                active.Accepted,
                active.SymbolActivations,
                peak_rss_bytes = active.PeakRssBytes,
                live = active.Live,
                after_full_gc = active.AfterFullGc,
            },
            idle = new
            {
                idle.Grains,
                idle.TradesPerGrain,
                idle.TrivialActivations,
                idle.SymbolActivations,
                baseline = idle.Baseline,
                with_trivial = idle.WithTrivial,
                with_symbols = idle.WithSymbols,
                trivial_bytes_per_grain = idle.TrivialBytesPerGrain,
                symbol_bytes_per_grain = idle.SymbolBytesPerGrain,
                k2_bytes_per_grain = idle.K2BytesPerGrain,
                idle.BusyGrains,
                idle.TradesPerBusyGrain,
                with_busy = idle.WithBusy,
                busy_bytes_per_grain = idle.BusyBytesPerGrain,
            },
            machine = new
            {
                cores = Environment.ProcessorCount,
                ram_bytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
                dotnet = Environment.Version.ToString(),
                load_average_start = loadAtStart,
                load_average_end = loadAtEnd,
            },
        }, Json));
        var table = (active is null ? string.Empty : Active(active)) + Idle(idle)
            + $"\nLoad average: {loadAtStart} at start, {loadAtEnd} at end; {Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC in the silo: {(idle.Baseline.ServerGc ? "yes" : "no")}.\n";
        await File.WriteAllTextAsync(markdown, table);
        await log.WriteLineAsync(table);
        await log.WriteLineAsync($"results: {json}, {markdown}");
    }

    private static string Active(ActiveResult a)
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"Active: {a.Symbols:N0} symbols, {a.Rate:N0} trades/s round-robin for {a.Duration.TotalSeconds:N0} s through Kafka ({a.Produced:N0} produced, {a.Accepted:N0} accepted by {a.SymbolActivations:N0} symbol grain activations). The silo process hosts only the silo (consumer, grains, flush).");
        s.AppendLine();
        s.AppendLine("| silo process | RSS MiB | GC heap MiB | GC committed MiB | managed in use MiB | target |");
        s.AppendLine("|---|---:|---:|---:|---:|---|");
        s.AppendLine(CultureInfo.InvariantCulture, $"| peak during the flow | {a.PeakRssBytes / MiB:N0} | | | | ≤ 600 MB RSS |");
        Row(s, "at the end, live", a.Live, "");
        Row(s, "at the end, after full GCs", a.AfterFullGc, "");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"RSS at the end of the flow, live: anonymous {a.Live.RssAnonBytes / MiB:N0} MiB (GC heap and native allocations), file-backed {a.Live.RssFileBytes / MiB:N0} MiB, shared {a.Live.RssShmemBytes / MiB:N0} MiB; silo GC: {a.Live.GcSettings}.");
        s.AppendLine();
        return s.ToString();
    }

    private static string Idle(IdleResult i)
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"Idle grains: {i.Grains:N0} activations each ({i.TrivialActivations:N0} trivial and {i.SymbolActivations:N0} symbol grain activations counted, warm-up included), symbol grains fed {i.TradesPerGrain} trades each; managed heap after full compacting GCs.");
        s.AppendLine();
        s.AppendLine("| step | managed in use MiB | GC heap MiB | RSS MiB |");
        s.AppendLine("|---|---:|---:|---:|");
        Row(s, "baseline (warm)", i.Baseline);
        Row(s, $"+ {i.Grains:N0} trivial grains", i.WithTrivial);
        Row(s, $"+ {i.Grains:N0} symbol grains", i.WithSymbols);
        Row(s, $"+ {i.BusyGrains:N0} busy symbol grains ({i.TradesPerBusyGrain:N0} trades each)", i.WithBusy);
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Per grain: trivial (Orleans' own cost) {i.TrivialBytesPerGrain:N0} B, symbol grain {i.SymbolBytesPerGrain:N0} B, **K2's cost {i.K2BytesPerGrain:N0} B per idle symbol grain** (target ≤ 1,024 B).");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"A busy symbol grain ({i.TradesPerBusyGrain:N0} trades: a full message-id ring and as many hot trades): **{i.BusyBytesPerGrain / 1024:N1} KiB** ({i.BusyBytesPerGrain / i.TradesPerBusyGrain:N1} B per hot trade, ring included).");
        return s.ToString();
    }

    private static void Row(StringBuilder s, string name, MemorySample m, string target) =>
        s.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {m.RssBytes / MiB:N0} | {m.GcHeapBytes / MiB:N1} | {m.GcCommittedBytes / MiB:N1} | {m.ManagedBytes / MiB:N1} | {target} |");

    private static void Row(StringBuilder s, string name, MemorySample m) =>
        s.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {m.ManagedBytes / MiB:N1} | {m.GcHeapBytes / MiB:N1} | {m.RssBytes / MiB:N0} |");
}
