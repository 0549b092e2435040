using K2.Lakehouse.Caching;
using K2.Lakehouse.Iceberg.Json;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Storage;

namespace K2.Lakehouse.Catalog;

/// <summary>
/// Reads and writes <c>metadata.json</c> files under a table's <c>metadata/</c> directory. Reads go through the
/// <see cref="MetadataCache"/>: a file is never changed once written, so a location parsed once need not be read again.
/// </summary>
public sealed class MetadataFileStore(IWarehouseStorage storage, MetadataCache cache)
{
    public Task<TableMetadata> ReadAsync(string location, CancellationToken cancellationToken) =>
        cache.GetOrLoadAsync(location, () => ReadFileAsync(location, cancellationToken));

    private async Task<TableMetadata> ReadFileAsync(string location, CancellationToken cancellationToken)
    {
        await using var content = await storage.OpenReadAsync(location, cancellationToken);
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        return TableMetadataJson.Read(buffer.ToArray());
    }

    /// <summary>Writes <paramref name="metadata"/> as version <paramref name="version"/> and returns its location.</summary>
    public async Task<string> WriteAsync(TableMetadata metadata, int version, CancellationToken cancellationToken)
    {
        var location = $"{metadata.Location}/metadata/{MetadataFileNames.For(version, Guid.NewGuid())}";
        await using var pending = await storage.CreateAsync(location, cancellationToken);
        await pending.Content.WriteAsync(TableMetadataJson.Write(metadata), cancellationToken);
        await pending.PublishAsync(cancellationToken);
        return location;
    }

    /// <summary>Best-effort removal of a file this process wrote but never committed.</summary>
    public async Task DeleteQuietlyAsync(string location)
    {
        try
        {
            await storage.DeleteAsync(location, CancellationToken.None);
        }
        catch (IOException)
        {
            // An orphan file is harmless (nothing references it); a later orphan-file cleanup can remove it.
        }
    }
}
