namespace K2.Ingestion.Asx.Loading;

/// <summary>What one file contributed. The symbol is null when the file's company id was not in the company map.</summary>
public sealed record AsxFileSummary(string RelativePath, AsxFileKind Kind, string CompanyId, string? Symbol, long RowsRead, long Published, long Rejected);
