namespace K2.Ingestion.Asx.Loading;

/// <summary>
/// One per-company data file: <c>trades/7078.csv</c> holds company 7078's trades. The relative path (forward
/// slashes, from the data directory) is what dead-letter positions name.
/// </summary>
public sealed record AsxDataFile(string FullPath, string RelativePath, AsxFileKind Kind, string CompanyId, long Length);
