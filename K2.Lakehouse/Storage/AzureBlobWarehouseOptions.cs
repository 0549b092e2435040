namespace K2.Lakehouse.Storage;

/// <summary>The warehouse in Azure Blob Storage (<c>K2:Lakehouse:Storage:AzureBlob</c>).</summary>
public sealed class AzureBlobWarehouseOptions
{
    /// <summary>
    /// The blob endpoint, e.g. <c>https://account.blob.core.windows.net/</c> (authenticated with the app's managed
    /// identity, <c>AZURE_CLIENT_ID</c>). Not needed when <see cref="ConnectionString"/> is set.
    /// </summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>A storage connection string (account key or SAS; Azurite in tests). Takes precedence over <see cref="ServiceUri"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The container holding the warehouse; created if missing.</summary>
    public string Container { get; set; } = string.Empty;

    /// <summary>Folder inside the container under which tables live; empty: the container's root.</summary>
    public string Prefix { get; set; } = string.Empty;

    /// <summary>
    /// Where uploads are staged until published: Parquet writers seek, so a file is assembled locally and uploaded
    /// whole. Empty: the system temporary directory.
    /// </summary>
    public string StagingDirectory { get; set; } = string.Empty;

    /// <summary>
    /// The local path at which this container is mounted (blobfuse2 or a synchronised copy), for DuckDB: K2 runs DuckDB
    /// without downloadable extensions, so it cannot read blob URLs itself. Empty: queries of cold data fail with a
    /// message naming this setting.
    /// </summary>
    public string QueryMountPath { get; set; } = string.Empty;
}
