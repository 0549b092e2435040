namespace K2.Lakehouse.Storage;

/// <summary>
/// A file being written. <see cref="Content"/> is readable, writable and seekable (Parquet writers seek, and K2
/// corrects Parquet footers in place). Disposing without publishing discards the content.
/// </summary>
public interface IPendingFile : IAsyncDisposable
{
    string Location { get; }

    Stream Content { get; }

    /// <summary>Makes the file visible at <see cref="Location"/> in one step and returns its size in bytes.</summary>
    Task<long> PublishAsync(CancellationToken cancellationToken);
}
