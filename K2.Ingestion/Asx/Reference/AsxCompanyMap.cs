namespace K2.Ingestion.Asx.Reference;

/// <summary>
/// Company id → symbol, from the dataset's <c>reference-data/company_info.csv</c>
/// (<c>company_id,symbol,company_name,ISIN,start_date,end_date</c>, with a header row). ASX data files are named by
/// company id, so this is how a file's rows get their symbol.
/// </summary>
public sealed class AsxCompanyMap
{
    private const string CompanyIdColumn = "company_id";
    private const string SymbolColumn = "symbol";

    private readonly Dictionary<string, string> _symbols;

    private AsxCompanyMap(Dictionary<string, string> symbols) => _symbols = symbols;

    public int Count => _symbols.Count;

    public bool TryGetSymbol(string companyId, out string symbol) =>
        _symbols.TryGetValue(companyId, out symbol!);

    /// <summary>Reads the map; a missing column, an empty id or symbol, or a duplicate id is a fatal error.</summary>
    /// <exception cref="InvalidDataException">The file is not a usable company map.</exception>
    public static async Task<AsxCompanyMap> LoadAsync(string path, CancellationToken cancellationToken)
    {
        // A few lines of reference data: plain string handling is clearer here than the span parsers of the hot path.
        using var reader = new StreamReader(path);
        var header = await reader.ReadLineAsync(cancellationToken)
            ?? throw new InvalidDataException($"{path} is empty; expected a header with {CompanyIdColumn} and {SymbolColumn}.");
        var columns = header.Split(',', StringSplitOptions.TrimEntries);
        var idIndex = Array.FindIndex(columns, c => c.Equals(CompanyIdColumn, StringComparison.OrdinalIgnoreCase));
        var symbolIndex = Array.FindIndex(columns, c => c.Equals(SymbolColumn, StringComparison.OrdinalIgnoreCase));
        if (idIndex < 0 || symbolIndex < 0)
        {
            throw new InvalidDataException($"{path} has no {CompanyIdColumn} and {SymbolColumn} columns in its header '{header}'.");
        }

        var symbols = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 1;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split(',', StringSplitOptions.TrimEntries);
            var id = idIndex < fields.Length ? fields[idIndex] : string.Empty;
            var symbol = symbolIndex < fields.Length ? fields[symbolIndex] : string.Empty;
            if (id.Length == 0 || symbol.Length == 0)
            {
                throw new InvalidDataException($"{path}:line {lineNumber} has no company id or symbol.");
            }

            if (!symbols.TryAdd(id, symbol))
            {
                throw new InvalidDataException($"{path}:line {lineNumber} repeats company id {id}.");
            }
        }

        return new AsxCompanyMap(symbols);
    }
}
