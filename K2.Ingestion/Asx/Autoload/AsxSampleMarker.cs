using System.Globalization;
using K2.Ingestion.Asx.Loading;

namespace K2.Ingestion.Asx.Autoload;

/// <summary>
/// The "sample already published" marker: a small text file naming what was loaded and when. Written only after the
/// publisher acknowledged every record, so a load cut short is retried at the next start (same message ids).
/// </summary>
internal static class AsxSampleMarker
{
    public static bool Exists(string path) => File.Exists(path);

    public static async Task WriteAsync(string path, string directory, string reason, AsxLoadSummary? summary, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var lines = new List<string>
        {
            $"directory: {directory}",
            $"marked-at: {at.ToString("O", CultureInfo.InvariantCulture)}",
            $"reason: {reason}",
        };
        if (summary is not null)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"trades: {summary.TradesPublished}, quotes: {summary.QuotesPublished}, rejected: {summary.Rejected}"));
        }

        lines.Add("Delete this file (with the rest of .k2/ for a clean slate) to publish the sample again at the next start.");
        await File.WriteAllLinesAsync(path, lines, cancellationToken);
    }
}
