namespace K2.Ingestion.Tests.EndToEnd;

/// <summary>
/// What the ASX sample should produce, counted straight from the files with the simplest parsing (independent of the
/// loader): one trade per non-blank line of <c>trades/{company_id}.csv</c>, one quote per non-blank line of
/// <c>quotes/{company_id}.csv</c>, symbol from <c>company_info.csv</c>.
/// </summary>
internal static class AsxSampleCounts
{
    public static IReadOnlyDictionary<string, int> TradesPerSymbol(string directory) => LinesPerSymbol(directory, "trades");

    public static IReadOnlyDictionary<string, int> QuotesPerSymbol(string directory) => LinesPerSymbol(directory, "quotes");

    private static Dictionary<string, int> LinesPerSymbol(string directory, string folder)
    {
        var symbols = File.ReadAllLines(Path.Combine(directory, "reference-data", "company_info.csv"))
            .Skip(1)
            .Select(line => line.Split(','))
            .ToDictionary(fields => fields[0], fields => fields[1], StringComparer.Ordinal);
        return Directory.EnumerateFiles(Path.Combine(directory, folder), "*.csv")
            .ToDictionary(
                file => symbols[Path.GetFileNameWithoutExtension(file)],
                file => File.ReadLines(file).Count(line => !string.IsNullOrWhiteSpace(line)),
                StringComparer.Ordinal);
    }
}
