namespace K2.Ingestion.Asx.Parsing;

/// <summary>
/// What the parsers need to know about the file a row came from: ASX files are per company, so the file name gives the
/// company id and, through <c>company_info.csv</c>, the symbol. Holds the file's row numbering and shared vendor maps,
/// so one context serves exactly one pass over one file.
/// </summary>
public sealed class AsxFileContext
{
    public AsxFileContext(string companyId, string? symbol, int cacheCapacity)
    {
        ArgumentNullException.ThrowIfNull(companyId);
        CompanyId = companyId;
        Symbol = symbol;
        VendorData = new AsxVendorDataCache(companyId, cacheCapacity);
    }

    public string CompanyId { get; }

    /// <summary>Null when the company id is not in the company map: every row of the file is then rejected.</summary>
    public string? Symbol { get; }

    public AsxDailyRowCounter Rows { get; } = new();

    public AsxVendorDataCache VendorData { get; }
}
