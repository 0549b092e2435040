using System.Globalization;
using System.Text;
using System.Text.Json;

namespace K2.IngestBench;

/// <summary>Writes the run as JSON (for machines) and a Markdown table (for docs/benchmarks.md).</summary>
internal static class ResultWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static async Task WriteAsync(BenchOptions options, BenchResult result, TextWriter log)
    {
        Directory.CreateDirectory(options.OutputDirectory);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var json = Path.Combine(options.OutputDirectory, $"ingest-{stamp}.json");
        var markdown = Path.Combine(options.OutputDirectory, $"ingest-{stamp}.md");
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new
        {
            result.Trades,
            result.Symbols,
            result.Partitions,
            result.Cores,
            produce_per_s = result.Produce.PerSecond,
            consume_decode_ceiling_per_s = result.ConsumeDecodeCeiling.PerSecond,
            end_to_end_backlog_per_s = result.CatchUp.PerSecond,
            end_to_end_backlog_seconds = result.CatchUp.Elapsed.TotalSeconds,
            share_of_ceiling = result.CatchUpShareOfCeiling,
            result.LiveTrades,
            live_produce_per_s = result.LiveProduce.PerSecond,
            live_end_to_end_per_s = result.LiveIngest.PerSecond,
            result.TableRows,
            result.DataFiles,
            result.DataBytes,
            bytes_per_trade = result.TableRows == 0 ? 0 : (double)result.DataBytes / result.TableRows,
            result.Verified,
        }, Json));
        var table = Markdown(result);
        await File.WriteAllTextAsync(markdown, table);
        await log.WriteLineAsync(table);
        await log.WriteLineAsync($"results: {json}, {markdown}");
    }

    private static string Markdown(BenchResult r)
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"{r.Trades:N0} trades, {r.Symbols} symbols (Zipf skew), {r.Partitions} partitions, {r.Cores} cores; verified exactly once: {(r.Verified ? "yes" : "NO")}");
        s.AppendLine();
        s.AppendLine("| phase | trades | seconds | trades/s |");
        s.AppendLine("|---|---:|---:|---:|");
        Row(s, "produce (pre-load, idempotent, acks=all)", r.Produce);
        Row(s, "consume + Avro decode only (ceiling)", r.ConsumeDecodeCeiling);
        Row(s, "end to end: backlog → grains → committed Iceberg", r.CatchUp);
        Row(s, "live: produce", r.LiveProduce);
        Row(s, "live: produce start → last commit", r.LiveIngest);
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"End to end = {r.CatchUpShareOfCeiling:P0} of the ceiling. Table: {r.TableRows:N0} rows in {r.DataFiles} files, {r.DataBytes / 1024.0 / 1024.0:N1} MiB ({(double)r.DataBytes / Math.Max(1, r.TableRows):N1} bytes/trade).");
        return s.ToString();
    }

    private static void Row(StringBuilder s, string name, Phase phase) =>
        s.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {phase.Trades:N0} | {phase.Elapsed.TotalSeconds:N2} | {phase.PerSecond:N0} |");
}
