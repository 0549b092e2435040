using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace K2.Lakehouse.Storage;

/// <summary>
/// <see cref="IWarehouseStorage"/> on an Azure Blob Storage container (ADLS Gen2 or flat). Locations use the
/// <c>abfss://&lt;container&gt;@&lt;account&gt;.dfs.core.windows.net/&lt;path&gt;</c> form other Iceberg engines read, whatever
/// endpoint (Azure or the Azurite emulator) serves the account. A new file is assembled in a local staging file
/// (Parquet writers seek) and uploaded whole on publish with an if-none-match condition: a blob becomes visible in
/// one step and an existing one is never overwritten.
/// </summary>
public sealed class AzureBlobWarehouseStorage : IWarehouseStorage
{
    private const string Scheme = "abfss";
    private const string DfsHostSuffix = ".dfs.core.windows.net";
    // ADLS Gen2 lists its directories as empty blobs carrying this metadata flag; they are not files.
    private const string FolderMetadataKey = "hdi_isfolder";

    private readonly BlobContainerClient _container;
    private readonly AzureBlobWarehouseOptions _options;
    private readonly string _authority;
    private readonly string _prefix;
    private Task? _containerReady;

    public AzureBlobWarehouseStorage(BlobContainerClient container, AzureBlobWarehouseOptions options)
    {
        _container = container ?? throw new ArgumentNullException(nameof(container));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _authority = $"{container.Name}@{container.AccountName}{DfsHostSuffix}";
        _prefix = options.Prefix.Trim('/') is { Length: > 0 } prefix ? prefix + "/" : string.Empty;
        RootLocation = $"{Scheme}://{_authority}/{_prefix}".TrimEnd('/');
    }

    public string RootLocation { get; }

    public async Task<Stream> OpenReadAsync(string location, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(ToBlobName(location));
        await EnsureContainerAsync();
        return await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false), cancellationToken);
    }

    public async Task<IPendingFile> CreateAsync(string location, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(ToBlobName(location));
        await EnsureContainerAsync();
        var staging = string.IsNullOrEmpty(_options.StagingDirectory) ? Path.GetTempPath() : _options.StagingDirectory;
        Directory.CreateDirectory(staging);
        var stream = new FileStream(
            Path.Combine(staging, $"k2-upload-{Guid.NewGuid():N}"),
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            bufferSize: 64 * 1024,
            FileOptions.DeleteOnClose);
        return new PendingBlob(location, blob, new CallerThreadFileStream(stream));
    }

    public async Task<bool> ExistsAsync(string location, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(ToBlobName(location));
        await EnsureContainerAsync();
        return await blob.ExistsAsync(cancellationToken);
    }

    public async Task<DateTimeOffset?> GetLastModifiedAsync(string location, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(ToBlobName(location));
        await EnsureContainerAsync();
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            return properties.Value.LastModified;
        }
        catch (Azure.RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string location, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(ToBlobName(location));
        await EnsureContainerAsync();
        await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var name = ToBlobName(prefix, allowRoot: true);
        await EnsureContainerAsync();
        // Blob listings are in name order and match by string prefix, as the local storage's listing does.
        await foreach (var item in _container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, name, cancellationToken))
        {
            if (!item.Metadata.TryGetValue(FolderMetadataKey, out var folder) || !bool.TryParse(folder, out var isFolder) || !isFolder)
            {
                yield return $"{Scheme}://{_authority}/{item.Name}";
            }
        }
    }

    /// <summary>
    /// DuckDB reads local paths only here (no downloadable extensions), so a blob is read through the container's
    /// mount at <see cref="AzureBlobWarehouseOptions.QueryMountPath"/>.
    /// </summary>
    public string ResolveForQueryEngine(string location)
    {
        var name = ToBlobName(location);
        if (string.IsNullOrEmpty(_options.QueryMountPath))
        {
            throw new NotSupportedException(
                $"The query engine cannot read {location}: DuckDB runs without its downloadable Azure extension. Mount the " +
                $"container '{_container.Name}' as a file system and set {WarehouseStorageOptions.SectionName}:AzureBlob:QueryMountPath " +
                "to the mount point (see docs/deploy.md).");
        }

        return Path.Combine(_options.QueryMountPath, name.Replace('/', Path.DirectorySeparatorChar));
    }

    /// <summary>
    /// Creates the container on first use. A failed attempt (network, permissions) is not cached: the next operation
    /// tries again.
    /// </summary>
    private Task EnsureContainerAsync()
    {
        var current = Volatile.Read(ref _containerReady);
        if (current is { IsFaulted: false, IsCanceled: false })
        {
            return current;
        }

        Interlocked.CompareExchange(ref _containerReady, _container.CreateIfNotExistsAsync(), current);
        return Volatile.Read(ref _containerReady)!;
    }

    /// <summary>Maps a location to its blob name, refusing anything outside this container and prefix.</summary>
    private string ToBlobName(string location, bool allowRoot = false)
    {
        if (!Uri.TryCreate(location, UriKind.Absolute, out var uri)
            || uri.Scheme != Scheme
            || !string.Equals(uri.UserInfo + "@" + uri.Host, _authority, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{location}' is not a location in the warehouse {RootLocation}.", nameof(location));
        }

        // Uri has already resolved any '..' segments, so the prefix check below also catches escapes.
        var name = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        var inside = name.StartsWith(_prefix, StringComparison.Ordinal) || (allowRoot && name + "/" == _prefix);
        if (!inside || (!allowRoot && name.Length == _prefix.Length))
        {
            throw new ArgumentException($"'{location}' is outside the warehouse {RootLocation}.", nameof(location));
        }

        return name;
    }

    private sealed class PendingBlob(string location, BlobClient blob, CallerThreadFileStream staging) : IPendingFile
    {
        public string Location { get; } = location;

        public Stream Content => staging;

        public async Task<long> PublishAsync(CancellationToken cancellationToken)
        {
            await staging.FlushAsync(cancellationToken);
            var length = staging.Length;
            staging.Position = 0;
            try
            {
                // If-None-Match: * — Iceberg files are immutable; an existing blob means a naming bug, not a retry.
                await blob.UploadAsync(
                    staging.File,
                    new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                    cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.ErrorCode == BlobErrorCode.BlobAlreadyExists)
            {
                throw new IOException($"{Location} already exists; warehouse files are never overwritten.", exception);
            }

            return length;
        }

        // The staging file deletes itself on close; an unpublished file leaves nothing in the container.
        public ValueTask DisposeAsync() => staging.DisposeAsync();
    }
}
