namespace K2.Ingestion.Asx.Loading;

/// <summary>A snapshot of a running load, reported every few thousand rows, after each file, and once at the end.</summary>
public readonly record struct AsxLoadProgress(
    string CurrentFile,
    long BytesRead,
    long TotalBytes,
    long RowsRead,
    long TradesPublished,
    long QuotesPublished,
    long Rejected,
    TimeSpan Elapsed,
    bool Completed)
{
    /// <summary>Share of the directory's data bytes read, 0–1: bytes, not rows, are known before reading.</summary>
    public double FractionDone => TotalBytes == 0 ? 1d : Math.Clamp((double)BytesRead / TotalBytes, 0d, 1d);

    public double RowsPerSecond => Elapsed > TimeSpan.Zero ? RowsRead / Elapsed.TotalSeconds : 0d;
}
