namespace K2.Ingestion.Asx.Loading;

/// <summary>
/// The layout the loader reads, as shipped in <c>data/asx-sample</c>:
/// <c>trades/{company_id}.csv</c>, <c>quotes/{company_id}.csv</c> and <c>reference-data/company_info.csv</c>.
/// Either data folder may be absent, not both.
/// </summary>
public sealed class AsxDataDirectory
{
    public const string TradesFolder = "trades";
    public const string QuotesFolder = "quotes";
    public const string CompanyMapPath = "reference-data/company_info.csv";

    private const string DataFilePattern = "*.csv";

    private AsxDataDirectory(string root, string companyMap, IReadOnlyList<AsxDataFile> files)
    {
        Root = root;
        CompanyMap = companyMap;
        Files = files;
    }

    public string Root { get; }

    public string CompanyMap { get; }

    /// <summary>Trades files, then quotes files, each in ordinal name order, so every run reads in the same order.</summary>
    public IReadOnlyList<AsxDataFile> Files { get; }

    public long TotalBytes => Files.Sum(file => file.Length);

    /// <exception cref="AsxLoadException">The directory, its company map or all of its data files are missing.</exception>
    public static AsxDataDirectory Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var root = Path.GetFullPath(path);
        if (!Directory.Exists(root))
        {
            throw new AsxLoadException($"ASX data directory '{root}' does not exist.");
        }

        var companyMap = Path.Combine(root, CompanyMapPath);
        if (!File.Exists(companyMap))
        {
            throw new AsxLoadException($"Company map '{companyMap}' does not exist; it maps the files' company ids to symbols.");
        }

        var files = ListFiles(root, TradesFolder, AsxFileKind.Trades).Concat(ListFiles(root, QuotesFolder, AsxFileKind.Quotes)).ToList();
        if (files.Count == 0)
        {
            throw new AsxLoadException($"'{root}' has no {TradesFolder}/{DataFilePattern} or {QuotesFolder}/{DataFilePattern} files.");
        }

        return new AsxDataDirectory(root, companyMap, files);
    }

    private static IEnumerable<AsxDataFile> ListFiles(string root, string folder, AsxFileKind kind)
    {
        var directory = Path.Combine(root, folder);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return new DirectoryInfo(directory)
            .EnumerateFiles(DataFilePattern)
            .OrderBy(file => file.Name, StringComparer.Ordinal)
            .Select(file => new AsxDataFile(
                file.FullName,
                $"{folder}/{file.Name}",
                kind,
                Path.GetFileNameWithoutExtension(file.Name),
                file.Length));
    }
}
