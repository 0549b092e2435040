using System.Buffers.Binary;
using K2.Lakehouse.Iceberg.Manifests;

namespace K2.Lakehouse.Reading;

/// <summary>
/// The order in which a page read visits its planned files, and when it may stop (see
/// <see cref="MarketDataHistoryReader"/>): for a newest-first page the file with the newest timestamp upper bound
/// first, for an oldest-first page the one with the oldest lower bound first. The bounds are the files' own column
/// metrics from the manifests; a file without one may hold any time and is visited first.
/// </summary>
internal static class PageFileOrder
{
    /// <summary>A file and the timestamp (µs) no row of it lies beyond in the page's direction.</summary>
    public readonly record struct BoundedFile(DataFile File, long BoundMicros);

    public static List<BoundedFile> Order(IReadOnlyList<DataFile> files, int timestampFieldId, bool descending)
    {
        var bounded = files.Select(file => new BoundedFile(file, Bound(file, timestampFieldId, descending))).ToList();
        return descending
            ? [.. bounded.OrderByDescending(f => f.BoundMicros)]
            : [.. bounded.OrderBy(f => f.BoundMicros)];
    }

    /// <summary>
    /// True when no row of a file whose bound is <paramref name="nextBoundMicros"/> (or of any later file) can come
    /// before a row at <paramref name="lastMicros"/> in the page order. Strict: a row at the same microsecond may still
    /// come first by platform sequence or id.
    /// </summary>
    public static bool IsBeyond(long lastMicros, long nextBoundMicros, bool descending) =>
        descending ? lastMicros > nextBoundMicros : lastMicros < nextBoundMicros;

    // Iceberg single-value bytes of a timestamptz: 8 bytes little-endian µs (4 when promoted from a narrower type).
    private static long Bound(DataFile file, int fieldId, bool descending)
    {
        var bounds = descending ? file.UpperBounds : file.LowerBounds;
        if (!bounds.TryGetValue(fieldId, out var bytes) || bytes.Length is not (4 or 8))
        {
            return descending ? long.MaxValue : long.MinValue;
        }

        return bytes.Length == 8 ? BinaryPrimitives.ReadInt64LittleEndian(bytes) : BinaryPrimitives.ReadInt32LittleEndian(bytes);
    }
}
