using K2.Lakehouse.Iceberg.Types;
using K2.Lakehouse.Writing;

namespace K2.Lakehouse.Tests.Writing;

/// <summary>The writer's row order follows Iceberg's value order, direction and null order, and is stable.</summary>
public sealed class SortOrderComparerTests
{
    private sealed record Row(string? Name, long? Time, decimal? Price, int Arrival);

    private static readonly IcebergSchema Schema = new(0,
    [
        NestedField.Optional(1, "name", PrimitiveType.String),
        NestedField.Optional(2, "time", PrimitiveType.TimestampTz),
        NestedField.Optional(3, "price", PrimitiveType.Decimal(18, 8)),
    ]);

    private static List<int> Sort(IEnumerable<Row> rows, params SortField[] fields)
    {
        var comparer = new SortOrderComparer<Row>(new SortOrder(1, fields), Schema, id => id switch
        {
            1 => row => row.Name,
            2 => row => row.Time,
            _ => row => row.Price,
        });
        return [.. comparer.Sort(rows).Select(row => row.Arrival)];
    }

    private static SortField Asc(int id, NullOrder nulls = NullOrder.NullsFirst) => new(id, Transform.Identity, SortDirection.Ascending, nulls);

    private static SortField Desc(int id, NullOrder nulls = NullOrder.NullsLast) => new(id, Transform.Identity, SortDirection.Descending, nulls);

    [Fact]
    public void Strings_order_by_utf8_bytes_then_time_and_equal_keys_keep_their_arrival_order()
    {
        // UTF-16 ordinal would put the emoji (a surrogate pair, 0xD83D...) before U+FFFD; UTF-8 bytes put it after.
        Row[] rows =
        [
            new("\U0001F600", 5, null, 0),
            new("\uFFFD", 9, null, 1),
            new("BHP", 7, null, 2),
            new("BHP", 3, null, 3),
            new("BHP", 7, null, 4),
            new("AAA", 100, null, 5),
        ];

        Assert.Equal([5, 3, 2, 4, 1, 0], Sort(rows, Asc(1), Asc(2)));
    }

    [Fact]
    public void Descending_keys_and_null_placement_follow_the_sort_field()
    {
        Row[] rows = [new("A", 1, 1.5m, 0), new("A", null, 2.25m, 1), new("A", 3, null, 2), new("A", 2, 1.50m, 3)];

        Assert.Equal([2, 3, 0, 1], Sort(rows, Desc(2, NullOrder.NullsLast)));
        Assert.Equal([1, 2, 3, 0], Sort(rows, Desc(2, NullOrder.NullsFirst)));
        // 1.5 and 1.50 are the same decimal: equal keys, so arrival order decides.
        Assert.Equal([2, 0, 3, 1], Sort(rows, Asc(3, NullOrder.NullsFirst)));
        Assert.Equal([1, 0, 3, 2], Sort(rows, Desc(3, NullOrder.NullsLast)));
    }

    [Fact]
    public void A_large_batch_comes_out_in_key_order()
    {
        var random = new Random(7);
        var rows = Enumerable.Range(0, 50_000)
            .Select(i => new Row($"S{random.Next(300):D3}", random.NextInt64(1_000_000), null, i))
            .ToList();

        var sorted = Sort(rows, Asc(1), Asc(2)).Select(index => rows[index]).ToList();

        Assert.Equal(
            rows.OrderBy(row => row.Name, StringComparer.Ordinal).ThenBy(row => row.Time).ThenBy(row => row.Arrival).Select(row => row.Arrival),
            sorted.Select(row => row.Arrival));
    }
}
