namespace K2.Ingestion.Asx.Loading;

/// <summary>Which folder of an ASX data directory a file is in, which decides its row format.</summary>
public enum AsxFileKind
{
    Trades,
    Quotes,
}
