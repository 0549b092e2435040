using System.ComponentModel.DataAnnotations;

namespace K2.Ingestion.Asx.Loading;

/// <summary>Knobs of the ASX batch loader. Bound from <c>K2:Asx:Loader</c>.</summary>
public sealed class AsxLoaderOptions
{
    public const string SectionName = "K2:Asx:Loader";

    /// <summary>IANA id of the exchange's wall clock, in which the files' dates and times are written.</summary>
    [Required]
    public string TimeZone { get; set; } = "Australia/Sydney";

    /// <summary>
    /// Bytes read from a file at a time; also the longest line accepted (ASX rows are under 100 bytes, so anything
    /// this long is corrupt and dead-lettered).
    /// </summary>
    [Range(1_024, 16 * 1_024 * 1_024)]
    public int ReadBufferBytes { get; set; } = 64 * 1_024;

    /// <summary>Rows between progress reports; a report costs a little, so not every row.</summary>
    [Range(1, 10_000_000)]
    public int ProgressEveryRows { get; set; } = 5_000;

    /// <summary>
    /// Distinct text values (condition codes, venues, buyer ids) and vendor maps shared between records per load.
    /// Past this, values are still right, just no longer shared.
    /// </summary>
    [Range(0, 1_000_000)]
    public int SharedValueLimit { get; set; } = 1_024;
}
