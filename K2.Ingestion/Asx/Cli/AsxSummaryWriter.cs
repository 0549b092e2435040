using System.Globalization;
using K2.Ingestion.Asx.Loading;

namespace K2.Ingestion.Asx.Cli;

/// <summary>Prints the end-of-load summary: per file, then the totals.</summary>
public static class AsxSummaryWriter
{
    private const int LabelWidth = 34;
    private const int ValueWidth = 14;

    public static void Write(TextWriter writer, AsxLoadSummary summary, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(summary);
        var culture = CultureInfo.InvariantCulture;
        var published = dryRun ? "parsed, not published" : "published";

        writer.WriteLine(dryRun ? "ASX load finished: DRY RUN, nothing was published." : "ASX load finished.");
        foreach (var file in summary.Files)
        {
            writer.WriteLine(string.Create(
                culture,
                $"  {file.RelativePath,-20} {file.Symbol ?? "(unknown company)",-18} {file.RowsRead,10:N0} rows {file.Rejected,8:N0} rejected"));
        }

        Line(writer, "files", summary.Files.Count.ToString("N0", culture));
        Line(writer, "rows read", summary.RowsRead.ToString("N0", culture));
        Line(writer, $"trades {published}", summary.TradesPublished.ToString("N0", culture));
        Line(writer, $"quotes {published}", summary.QuotesPublished.ToString("N0", culture));
        Line(writer, dryRun ? "rejected (printed above)" : "rejected (dead-lettered)", summary.Rejected.ToString("N0", culture));
        Line(writer, "duration", summary.Duration.ToString(@"hh\:mm\:ss\.fff", culture));
        Line(writer, "throughput (rows/s)", summary.RowsPerSecond.ToString("N0", culture));
    }

    private static void Line(TextWriter writer, string label, string value) =>
        writer.WriteLine($"  {label.PadRight(LabelWidth)}{value.PadLeft(ValueWidth)}");
}
