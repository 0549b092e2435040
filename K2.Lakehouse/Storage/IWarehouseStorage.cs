namespace K2.Lakehouse.Storage;

/// <summary>
/// The file operations an Iceberg table needs (spec: File System Operations): files are written once, read with
/// seeks, listed and deleted. Locations are absolute URIs such as <c>file:///warehouse/market_data/trades/...</c>;
/// they are what manifests and metadata record.
/// </summary>
public interface IWarehouseStorage
{
    /// <summary>The warehouse root as a location URI; tables live below it.</summary>
    string RootLocation { get; }

    Task<Stream> OpenReadAsync(string location, CancellationToken cancellationToken);

    /// <summary>
    /// Starts writing a new file. Nothing is visible at <paramref name="location"/> until
    /// <see cref="IPendingFile.PublishAsync"/> succeeds, so a crash never leaves a half-written file behind a
    /// location that metadata could reference.
    /// </summary>
    Task<IPendingFile> CreateAsync(string location, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string location, CancellationToken cancellationToken);

    /// <summary>Deletes the file if it exists.</summary>
    Task DeleteAsync(string location, CancellationToken cancellationToken);

    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>
    /// When the file was last written, or null when it does not exist. Orphan-file removal only deletes files older
    /// than a safety age, so a file an in-flight commit has written but not yet referenced is never taken.
    /// </summary>
    Task<DateTimeOffset?> GetLastModifiedAsync(string location, CancellationToken cancellationToken);

    /// <summary>The path a query engine on this machine (DuckDB) opens to read <paramref name="location"/>.</summary>
    string ResolveForQueryEngine(string location);
}
