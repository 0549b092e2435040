namespace K2.Lakehouse.Storage;

/// <summary>
/// Wraps the real warehouse storage and, while a fault is in force, fails every write (create, publish, delete) with an
/// <see cref="IOException"/> as a full or read-only volume would; reads and listings still reach the real files. Two
/// switches: <see cref="MakeUnwritable"/> for tests in the same process (registered by
/// <see cref="FaultInjectionServiceExtensions.AddWarehouseFaultInjection"/>), and a fault file whose existence is the
/// fault, for whole-system tests that drive another process (<see cref="WarehouseStorageOptions.FaultFile"/>,
/// <c>tests/K2.ChaosTests</c>). Production hosts never set either. File permissions cannot stand in for it because tests
/// may run as root, which ignores them.
/// </summary>
public sealed class FaultInjectingWarehouseStorage(IWarehouseStorage inner, string? faultFile = null) : IWarehouseStorage
{
    private volatile string? _writeFault;
    private long _refusedWrites;

    public string RootLocation => inner.RootLocation;

    /// <summary>Whether writes are being refused now.</summary>
    public bool IsUnwritable => CurrentFault() is not null;

    /// <summary>Writes refused so far (proof the fault was hit, not just switched on).</summary>
    public long RefusedWrites => Interlocked.Read(ref _refusedWrites);

    /// <summary>Refuses every write from now on with <paramref name="reason"/>, until <see cref="MakeWritable"/>.</summary>
    public void MakeUnwritable(string reason = "the warehouse is unwritable (injected fault)") => _writeFault = reason;

    public void MakeWritable() => _writeFault = null;

    public Task<Stream> OpenReadAsync(string location, CancellationToken cancellationToken) => inner.OpenReadAsync(location, cancellationToken);

    public async Task<IPendingFile> CreateAsync(string location, CancellationToken cancellationToken)
    {
        ThrowIfUnwritable(location);
        return new FaultInjectingPendingFile(await inner.CreateAsync(location, cancellationToken), this);
    }

    public Task<bool> ExistsAsync(string location, CancellationToken cancellationToken) => inner.ExistsAsync(location, cancellationToken);

    public Task DeleteAsync(string location, CancellationToken cancellationToken)
    {
        ThrowIfUnwritable(location);
        return inner.DeleteAsync(location, cancellationToken);
    }

    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);

    public Task<DateTimeOffset?> GetLastModifiedAsync(string location, CancellationToken cancellationToken) => inner.GetLastModifiedAsync(location, cancellationToken);

    public string ResolveForQueryEngine(string location) => inner.ResolveForQueryEngine(location);

    private string? CurrentFault() =>
        _writeFault ?? (faultFile is not null && File.Exists(faultFile) ? $"the fault file {faultFile} exists (injected fault)" : null);

    private void ThrowIfUnwritable(string location)
    {
        if (CurrentFault() is { } reason)
        {
            Interlocked.Increment(ref _refusedWrites);
            throw new IOException($"{reason}: {location}");
        }
    }

    /// <summary>A file begun while writable still fails to publish if the fault starts before it is complete.</summary>
    private sealed class FaultInjectingPendingFile(IPendingFile inner, FaultInjectingWarehouseStorage storage) : IPendingFile
    {
        public string Location => inner.Location;

        public Stream Content => inner.Content;

        public Task<long> PublishAsync(CancellationToken cancellationToken)
        {
            storage.ThrowIfUnwritable(inner.Location);
            return inner.PublishAsync(cancellationToken);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
