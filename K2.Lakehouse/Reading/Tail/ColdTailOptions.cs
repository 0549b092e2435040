using System.ComponentModel.DataAnnotations;

namespace K2.Lakehouse.Reading.Tail;

/// <summary>
/// Bounds of the per-symbol cold tail cache (<see cref="ColdTailReader"/>): the newest rows of each recently read
/// symbol, kept per table and advanced snapshot by snapshot. Bound from <c>K2:Query:ColdTail</c>.
/// </summary>
public sealed class ColdTailOptions
{
    public const string SectionName = "K2:Query:ColdTail";

    /// <summary>
    /// Newest rows kept per symbol; a newest-first page whose rows lie within them is served from the cache, a deeper
    /// page reads the table. 0 turns the cache off. A cache miss reads this many rows instead of the page.
    /// </summary>
    [Range(0, 100_000)]
    public int RowsPerSymbol { get; set; } = 1_000;

    /// <summary>
    /// Rows kept across all symbols of one table (least recently used symbols are dropped first). A trade or quote
    /// is about 300 bytes in memory, so the default is at most ~150 MB per table.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long MaxRows { get; set; } = 500_000;
}
