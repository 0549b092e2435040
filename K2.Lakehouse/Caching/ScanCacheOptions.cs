using System.ComponentModel.DataAnnotations;

namespace K2.Lakehouse.Caching;

/// <summary>
/// Bounds of the caches of immutable table files that every query would otherwise read again: decoded manifest lists
/// and manifests (<see cref="ManifestCache"/>), parsed <c>metadata.json</c> files (<see cref="MetadataCache"/>), bar-sidecar
/// presence (<see cref="Bars.BarSidecarIndex"/>) and decoded sidecar bars (<see cref="Bars.SidecarBarCache"/>).
/// Bound from <c>K2:Lakehouse:ScanCache</c>; 0 turns a cache off.
/// </summary>
public sealed class ScanCacheOptions
{
    public const string SectionName = "K2:Lakehouse:ScanCache";

    /// <summary>
    /// Decoded entries kept, counting one per data file of a cached manifest and one per manifest of a cached manifest
    /// list; half of the bound is for manifest lists, half for manifests. A data file's entry with its column metrics
    /// is a few KB, so the default is tens of MB at most.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long MaxManifestEntries { get; set; } = 20_000;

    /// <summary>Parsed <c>metadata.json</c> files kept (a query needs the current one, time travel may need older ones).</summary>
    [Range(0, 10_000)]
    public int MaxMetadataFiles { get; set; } = 8;

    /// <summary>
    /// Data files whose bar-sidecar presence is remembered (<see cref="Bars.BarSidecarIndex"/>), a few hundred bytes
    /// each; a day of one exchange is tens of files after compaction, hundreds before.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long MaxBarSidecarFiles { get; set; } = 100_000;

    /// <summary>
    /// Decoded minute bars kept by <see cref="Bars.SidecarBarCache"/>, counting one per bar plus one per (sidecar,
    /// symbol) entry; a bar is about 300 bytes (estimated from its fields, not measured), so the default is about 300 MB at most. One symbol's day of 1m bars
    /// is 1,440 bars (more when a minute is spread over several files), so the default holds about 700
    /// symbol-days. 0 keeps nothing (every candle request decodes its sidecars again).
    /// </summary>
    [Range(0, long.MaxValue)]
    public long MaxCachedBars { get; set; } = 1_000_000;
}
