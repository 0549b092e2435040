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
    /// page reads the table. 0 turns the cache off. A cache miss reads this many rows instead of the page: 200 keeps
    /// that at the cost of a plain latest-100 read on the benchmark table (1,000 made a miss ~1.5× dearer; see
    /// docs/benchmarks.md) and serves the default page of 100.
    /// </summary>
    [Range(0, 100_000)]
    public int RowsPerSymbol { get; set; } = 200;

    /// <summary>
    /// Rows kept across all symbols of one table (least recently used symbols are dropped first). Each is an ordinary
    /// trade or quote object of a few hundred bytes, so the default is in the order of 100–300 MB per table at most.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long MaxRows { get; set; } = 500_000;

    /// <summary>
    /// Snapshots a tail is advanced over at most; a tail further behind (a symbol not read for a while, with a
    /// commit every few seconds) is read again from the table, which is one query instead of one manifest list per
    /// snapshot.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxSnapshotsToAdvance { get; set; } = 64;
}
