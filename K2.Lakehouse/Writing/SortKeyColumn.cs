using K2.Lakehouse.Iceberg.Types;
using K2.Lakehouse.Iceberg.Values;

namespace K2.Lakehouse.Writing;

/// <summary>
/// One sort key read for every row of a batch and encoded as a <see cref="long"/> whose order is Iceberg's order of
/// the values: integers and timestamps as themselves, everything else (strings, decimals, UUIDs) as its dense rank
/// among the batch's distinct values. Sorting then compares longs instead of boxed values: a flush sorts hundreds of
/// thousands of rows, and a partition holds few distinct symbols.
/// </summary>
internal sealed class SortKeyColumn
{
    private readonly long[] _keys;
    private readonly bool[]? _nulls;
    private readonly int _direction;
    private readonly bool _nullsFirst;

    private SortKeyColumn(long[] keys, bool[]? nulls, int direction, bool nullsFirst)
    {
        _keys = keys;
        _nulls = nulls;
        _direction = direction;
        _nullsFirst = nullsFirst;
    }

    public static SortKeyColumn Read<T>(IReadOnlyList<T> rows, RowColumn<T> column, PrimitiveType type, int direction, bool nullsFirst) => column switch
    {
        RowColumn<T, long> longs when type.Kind is PrimitiveKind.Long or PrimitiveKind.TimestampTz =>
            new SortKeyColumn(Integers(rows, longs.Read), null, direction, nullsFirst),
        RowColumn<T, string> strings when type.Kind is PrimitiveKind.String => StringRanks(rows, strings.Read, direction, nullsFirst),
        _ => Boxed(rows, column.ReadBoxed, type, direction, nullsFirst),
    };

    private static SortKeyColumn Boxed<T>(IReadOnlyList<T> rows, Func<T, object?> read, PrimitiveType type, int direction, bool nullsFirst)
    {
        var values = new object?[rows.Count];
        bool[]? nulls = null;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = read(rows[i]);
            if (values[i] is null)
            {
                nulls ??= new bool[values.Length];
                nulls[i] = true;
            }
        }

        var keys = type.Kind is PrimitiveKind.Int or PrimitiveKind.Long or PrimitiveKind.Date or PrimitiveKind.TimestampTz
            ? Integers(values)
            : Ranks(values, type);
        return new SortKeyColumn(keys, nulls, direction, nullsFirst);
    }

    /// <summary>Compares rows <paramref name="left"/> and <paramref name="right"/> by this key, direction and null order applied.</summary>
    public int Compare(int left, int right)
    {
        if (_nulls is not null && (_nulls[left] || _nulls[right]))
        {
            return (_nulls[left], _nulls[right]) switch
            {
                (true, true) => 0,
                (true, false) => _nullsFirst ? -1 : 1,
                _ => _nullsFirst ? 1 : -1,
            };
        }

        return _direction * _keys[left].CompareTo(_keys[right]);
    }

    private static long[] Integers<T>(IReadOnlyList<T> rows, Func<T, long> read)
    {
        var keys = new long[rows.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = read(rows[i]);
        }

        return keys;
    }

    /// <summary>Strings ranked without boxing: a flush's symbol column repeats a few instances many times.</summary>
    private static SortKeyColumn StringRanks<T>(IReadOnlyList<T> rows, Func<T, string> read, int direction, bool nullsFirst)
    {
        var values = new string?[rows.Count];
        var rank = new Dictionary<string, long>(StringComparer.Ordinal);
        bool[]? nulls = null;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = read(rows[i]);
            if (values[i] is { } value)
            {
                rank.TryAdd(value, 0);
            }
            else
            {
                nulls ??= new bool[values.Length];
                nulls[i] = true;
            }
        }

        var distinct = rank.Keys.ToArray();
        Array.Sort(distinct, SingleValue.CompareUtf8);
        for (var i = 0; i < distinct.Length; i++)
        {
            rank[distinct[i]] = i;
        }

        var keys = new long[values.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = values[i] is { } value ? rank[value] : 0;
        }

        return new SortKeyColumn(keys, nulls, direction, nullsFirst);
    }

    private static long[] Integers(object?[] values)
    {
        var keys = new long[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            keys[i] = values[i] is { } value ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        }

        return keys;
    }

    private static long[] Ranks(object?[] values, PrimitiveType type)
    {
        // Distinct values are found with the CLR's equality, which agrees with Iceberg's order for these types
        // (ordinal strings, decimal value equality, GUID bytes); only their order needs Iceberg's comparison.
        var distinct = values.Where(value => value is not null).Distinct().ToArray();
        Array.Sort(distinct, (a, b) => SingleValue.Compare(type, a!, b!));
        var rank = new Dictionary<object, long>(distinct.Length);
        for (var i = 0; i < distinct.Length; i++)
        {
            rank[distinct[i]!] = i;
        }

        var keys = new long[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            keys[i] = values[i] is { } value ? rank[value] : 0;
        }

        return keys;
    }
}
