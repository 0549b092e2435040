using K2.Lakehouse.Iceberg.Metadata;
using Microsoft.Extensions.Options;

namespace K2.Lakehouse.Caching;

/// <summary>
/// Parsed <c>metadata.json</c> files by location. A metadata file is written once under a name with a fresh GUID and
/// never changed; a commit writes a new one and moves the catalog's pointer. Loading a table still reads that pointer
/// from the catalog every time, so a new snapshot is seen at once; only the parse of an unchanged file is saved.
/// </summary>
public sealed class MetadataCache(IOptions<ScanCacheOptions> options) : ICacheStatisticsSource
{
    private readonly BoundedCache<string, TableMetadata> _files = new(options.Value.MaxMetadataFiles);

    public int Count => _files.Count;

    public long Capacity => _files.Capacity;

    public Task<TableMetadata> GetOrLoadAsync(string location, Func<Task<TableMetadata>> load) =>
        _files.GetOrLoadAsync(location, load, _ => 1);

    public IEnumerable<NamedCacheStatistics> ReadCacheStatistics() => [new("table_metadata", _files.Statistics)];
}
