using K2.Lakehouse.Caching;
using K2.Lakehouse.Configuration;
using K2.Lakehouse.Storage;
using Microsoft.Extensions.Options;

namespace K2.Lakehouse.Bars;

/// <summary>
/// Which data files have a bar sidecar. The answer for a committed data file never changes while the file is live:
/// its sidecar is published before the commit that makes it visible or never, and both are deleted together. So
/// both answers are cached (bounded by <see cref="ScanCacheOptions.MaxBarSidecarFiles"/>) and a query asks the
/// storage (one round trip per file on Azure) only once per data file.
/// </summary>
public sealed class BarSidecarIndex(IWarehouseStorage storage, IOptions<ScanCacheOptions> cacheOptions, IOptions<LakehouseOptions> options) : ICacheStatisticsSource
{
    private readonly BoundedCache<string, bool> _known = new(cacheOptions.Value.MaxBarSidecarFiles);
    private readonly bool _enabled = options.Value.ReadBarSidecars;

    /// <summary>Whether readers should use the sidecar of <paramref name="dataFileLocation"/> (never when reading them is off).</summary>
    public async Task<bool> HasSidecarAsync(string dataFileLocation, CancellationToken cancellationToken) =>
        _enabled && await _known.GetOrLoadAsync(dataFileLocation, () => storage.ExistsAsync(BarSidecar.LocationFor(dataFileLocation), cancellationToken), _ => 1);

    public IEnumerable<NamedCacheStatistics> ReadCacheStatistics() => [new("bar_sidecar_presence", _known.Statistics)];
}
