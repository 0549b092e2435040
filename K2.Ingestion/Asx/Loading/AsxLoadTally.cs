namespace K2.Ingestion.Asx.Loading;

/// <summary>The running counts of one load, from which progress snapshots and the summary are made.</summary>
internal sealed class AsxLoadTally(long totalBytes, TimeProvider time)
{
    private readonly long _startedAt = time.GetTimestamp();
    private readonly List<AsxFileSummary> _files = [];
    private long _bytesOfFinishedFiles;

    public long RowsRead { get; private set; }

    public long TradesPublished { get; private set; }

    public long QuotesPublished { get; private set; }

    public long Rejected { get; private set; }

    public void CountPublished(AsxFileKind kind)
    {
        RowsRead++;
        if (kind == AsxFileKind.Trades)
        {
            TradesPublished++;
        }
        else
        {
            QuotesPublished++;
        }
    }

    public void CountRejected()
    {
        RowsRead++;
        Rejected++;
    }

    public void FinishFile(AsxFileSummary file, long bytes)
    {
        _files.Add(file);
        _bytesOfFinishedFiles += bytes;
    }

    public AsxLoadProgress Progress(string currentFile, long bytesOfCurrentFile, bool completed = false) => new(
        currentFile,
        _bytesOfFinishedFiles + bytesOfCurrentFile,
        totalBytes,
        RowsRead,
        TradesPublished,
        QuotesPublished,
        Rejected,
        time.GetElapsedTime(_startedAt),
        completed);

    public AsxLoadSummary Summary() =>
        new(_files.ToArray(), RowsRead, TradesPublished, QuotesPublished, Rejected, _bytesOfFinishedFiles, time.GetElapsedTime(_startedAt));
}
