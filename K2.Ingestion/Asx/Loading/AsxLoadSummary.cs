namespace K2.Ingestion.Asx.Loading;

/// <summary>
/// The result of a load. Every non-blank row is either published or rejected:
/// <c>RowsRead == TradesPublished + QuotesPublished + Rejected</c>.
/// </summary>
public sealed record AsxLoadSummary(
    IReadOnlyList<AsxFileSummary> Files,
    long RowsRead,
    long TradesPublished,
    long QuotesPublished,
    long Rejected,
    long BytesRead,
    TimeSpan Duration)
{
    public double RowsPerSecond => Duration > TimeSpan.Zero ? RowsRead / Duration.TotalSeconds : 0d;
}
