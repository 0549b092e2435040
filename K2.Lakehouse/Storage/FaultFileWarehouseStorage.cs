namespace K2.Lakehouse.Storage;

/// <summary>
/// Makes a warehouse unwritable from outside the process, for whole-system fault injection
/// (<c>tests/K2.ChaosTests</c>): while the file <see cref="WarehouseStorageOptions.FaultFile"/> names exists, every
/// write (create, publish, delete) fails with an <see cref="IOException"/>, as a full or read-only disk would; reads
/// and listings still work. Only configured when that option is set; a deployment never sets it.
/// </summary>
public sealed class FaultFileWarehouseStorage(IWarehouseStorage inner, string faultFile) : IWarehouseStorage
{
    public string RootLocation => inner.RootLocation;

    public Task<Stream> OpenReadAsync(string location, CancellationToken cancellationToken) => inner.OpenReadAsync(location, cancellationToken);

    public async Task<IPendingFile> CreateAsync(string location, CancellationToken cancellationToken)
    {
        ThrowIfFaulted(location);
        return new FaultablePendingFile(await inner.CreateAsync(location, cancellationToken), this);
    }

    public Task<bool> ExistsAsync(string location, CancellationToken cancellationToken) => inner.ExistsAsync(location, cancellationToken);

    public Task DeleteAsync(string location, CancellationToken cancellationToken)
    {
        ThrowIfFaulted(location);
        return inner.DeleteAsync(location, cancellationToken);
    }

    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);

    public Task<DateTimeOffset?> GetLastModifiedAsync(string location, CancellationToken cancellationToken) =>
        inner.GetLastModifiedAsync(location, cancellationToken);

    public string ResolveForQueryEngine(string location) => inner.ResolveForQueryEngine(location);

    private void ThrowIfFaulted(string location)
    {
        if (File.Exists(faultFile))
        {
            throw new IOException($"Warehouse write to {location} refused: the fault file {faultFile} exists (injected fault).");
        }
    }

    /// <summary>Checks again at publish: a fault that starts while a file is being written fails that file.</summary>
    private sealed class FaultablePendingFile(IPendingFile inner, FaultFileWarehouseStorage storage) : IPendingFile
    {
        public string Location => inner.Location;

        public Stream Content => inner.Content;

        public Task<long> PublishAsync(CancellationToken cancellationToken)
        {
            storage.ThrowIfFaulted(Location);
            return inner.PublishAsync(cancellationToken);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
