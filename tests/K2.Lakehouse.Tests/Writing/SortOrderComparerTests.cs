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

    /// <summary>Sorts through typed bindings (strings ranked, longs read directly) or boxed ones; both must agree.</summary>
    private static List<int> Sort(bool typed, IEnumerable<Row> rows, params SortField[] fields)
    {
        var layout = typed
            ? new RowLayout<Row>(new Dictionary<int, RowColumn<Row>>
            {
                [1] = new RowColumn<Row, string?>(row => row.Name),
                [2] = new RowColumn<Row, long>(row => row.Time ?? throw new InvalidOperationException("typed rows have a time")),
                [3] = new RowColumn<Row, decimal?>(row => row.Price),
            })
            : new RowLayout<Row>(new Dictionary<int, Func<Row, object?>>
            {
                [1] = row => row.Name,
                [2] = row => row.Time,
                [3] = row => row.Price,
            });
        var comparer = new SortOrderComparer<Row>(new SortOrder(1, fields), Schema, id => layout.Column(id)!);
        return [.. comparer.Sort(rows).Select(row => row.Arrival)];
    }

    private static SortField Asc(int id, NullOrder nulls = NullOrder.NullsFirst) => new(id, Transform.Identity, SortDirection.Ascending, nulls);

    private static SortField Desc(int id, NullOrder nulls = NullOrder.NullsLast) => new(id, Transform.Identity, SortDirection.Descending, nulls);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Strings_order_by_utf8_bytes_then_time_and_equal_keys_keep_their_arrival_order(bool typed)
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

        Assert.Equal([5, 3, 2, 4, 1, 0], Sort(typed, rows, Asc(1), Asc(2)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Null_strings_sort_by_the_null_order(bool typed)
    {
        Row[] rows = [new("B", 1, null, 0), new(null, 1, null, 1), new("A", 1, null, 2), new(null, 1, null, 3)];

        Assert.Equal([1, 3, 2, 0], Sort(typed, rows, Asc(1, NullOrder.NullsFirst)));
        Assert.Equal([2, 0, 1, 3], Sort(typed, rows, Asc(1, NullOrder.NullsLast)));
        Assert.Equal([0, 2, 1, 3], Sort(typed, rows, Desc(1, NullOrder.NullsLast)));
    }

    [Fact]
    public void Descending_keys_and_null_placement_follow_the_sort_field()
    {
        Row[] rows = [new("A", 1, 1.5m, 0), new("A", null, 2.25m, 1), new("A", 3, null, 2), new("A", 2, 1.50m, 3)];

        Assert.Equal([2, 3, 0, 1], Sort(typed: false, rows, Desc(2, NullOrder.NullsLast)));
        Assert.Equal([1, 2, 3, 0], Sort(typed: false, rows, Desc(2, NullOrder.NullsFirst)));
        // 1.5 and 1.50 are the same decimal: equal keys, so arrival order decides.
        Assert.Equal([2, 0, 3, 1], Sort(typed: false, rows, Asc(3, NullOrder.NullsFirst)));
        Assert.Equal([1, 0, 3, 2], Sort(typed: false, rows, Desc(3, NullOrder.NullsLast)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_large_batch_comes_out_in_key_order(bool typed)
    {
        var random = new Random(7);
        var rows = Enumerable.Range(0, 50_000)
            .Select(i => new Row($"S{random.Next(300):D3}", random.NextInt64(1_000_000), null, i))
            .ToList();

        var sorted = Sort(typed, rows, Asc(1), Asc(2)).Select(index => rows[index]).ToList();

        Assert.Equal(
            rows.OrderBy(row => row.Name, StringComparer.Ordinal).ThenBy(row => row.Time).ThenBy(row => row.Arrival).Select(row => row.Arrival),
            sorted.Select(row => row.Arrival));
    }

    [Theory]
    [InlineData(true, NullOrder.NullsFirst)]
    [InlineData(true, NullOrder.NullsLast)]
    [InlineData(false, NullOrder.NullsFirst)]
    [InlineData(false, NullOrder.NullsLast)]
    public void Large_batches_with_null_and_descending_keys_come_out_in_key_order(bool typed, NullOrder nulls)
    {
        // Descending names with nulls (folded into ranks), then ascending time; equal keys keep their arrival order.
        var random = new Random(3);
        var rows = Enumerable.Range(0, 20_000)
            .Select(i => new Row(random.Next(10) == 0 ? null : $"S{random.Next(40):D2}", random.NextInt64(500), null, i))
            .ToList();

        var sorted = Sort(typed, rows, Desc(1, nulls), Asc(2));

        var nullsFirst = nulls == NullOrder.NullsFirst;
        var expected = rows
            .OrderBy(row => row.Name is null ? (nullsFirst ? 0 : 2) : 1)
            .ThenByDescending(row => row.Name, StringComparer.Ordinal)
            .ThenBy(row => row.Time)
            .ThenBy(row => row.Arrival)
            .Select(row => row.Arrival);
        Assert.Equal(expected, sorted);

        // Time first: a key spread wider than the batch, so the rows are sorted as a whole rather than by buckets.
        var byTime = rows
            .OrderBy(row => row.Time)
            .ThenBy(row => row.Name is null ? (nullsFirst ? 0 : 2) : 1)
            .ThenByDescending(row => row.Name, StringComparer.Ordinal)
            .ThenBy(row => row.Arrival)
            .Select(row => row.Arrival);
        Assert.Equal(byTime, Sort(typed, rows.Select(row => row with { Time = row.Time * 1_000_003 }).ToList(), Asc(2), Desc(1, nulls)));
    }

    [Fact]
    public void Rows_already_in_order_keep_their_order()
    {
        var rows = Enumerable.Range(0, 1_000).Select(i => new Row($"S{i / 100:D2}", i % 100, null, i)).ToList();

        Assert.Equal(Enumerable.Range(0, 1_000), Sort(typed: true, rows, Asc(1), Asc(2)));
        Assert.Equal(Enumerable.Range(0, 1_000).Reverse(), Sort(typed: true, rows, Desc(1), Desc(2)));
    }
}
