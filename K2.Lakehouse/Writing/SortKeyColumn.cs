using System.Runtime.InteropServices;
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

    private SortKeyColumn(long[] keys, bool[]? nulls, int direction, bool nullsFirst, long? distinct = null)
    {
        _keys = keys;
        _nulls = nulls;
        _direction = direction;
        _nullsFirst = nullsFirst;
        Ascending = Fold(keys, nulls, direction, nullsFirst, distinct);
    }

    /// <summary>
    /// The keys with direction and null order folded in, so that plain ascending order of these longs is this
    /// column's order; null when they cannot be folded (an integer key with nulls: every long is a possible value).
    /// </summary>
    public long[]? Ascending { get; }

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

        long? distinct = null;
        var keys = type.Kind is PrimitiveKind.Int or PrimitiveKind.Long or PrimitiveKind.Date or PrimitiveKind.TimestampTz
            ? Integers(values)
            : Ranks(values, type, out distinct);
        return new SortKeyColumn(keys, nulls, direction, nullsFirst, distinct);
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

    /// <summary>
    /// Ranks are 0 … <paramref name="distinct"/> − 1, so a descending rank is mirrored inside that range and a null
    /// goes to −1 or <paramref name="distinct"/>; an integer key has no spare value for nulls, and is reversed as
    /// <c>~value</c>, which flips the order of every long without overflowing.
    /// </summary>
    private static long[]? Fold(long[] keys, bool[]? nulls, int direction, bool nullsFirst, long? distinct)
    {
        if (distinct is not { } count)
        {
            return nulls is not null ? null : direction > 0 ? keys : Array.ConvertAll(keys, key => ~key);
        }

        if (nulls is null && direction > 0)
        {
            return keys;
        }

        var folded = new long[keys.Length];
        for (var i = 0; i < folded.Length; i++)
        {
            folded[i] = nulls is not null && nulls[i] ? (nullsFirst ? -1 : count)
                : direction > 0 ? keys[i] : count - 1 - keys[i];
        }

        return folded;
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

    /// <summary>
    /// Strings ranked without boxing: a flush's symbol column repeats a few instances many times, so each row costs
    /// one hash lookup (none when it is the same instance as the row before), and the distinct values are ordered once.
    /// </summary>
    private static SortKeyColumn StringRanks<T>(IReadOnlyList<T> rows, Func<T, string> read, int direction, bool nullsFirst)
    {
        var provisional = new Dictionary<string, int>(StringComparer.Ordinal);
        var keys = new long[rows.Count];
        bool[]? nulls = null;
        string? previous = null;
        var previousId = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            var value = read(rows[i]);
            if (value is null)
            {
                nulls ??= new bool[keys.Length];
                nulls[i] = true;
                continue;
            }

            if (!ReferenceEquals(value, previous))
            {
                ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(provisional, value, out var exists);
                if (!exists)
                {
                    id = provisional.Count - 1;
                }

                previous = value;
                previousId = id;
            }

            keys[i] = previousId;
        }

        // Provisional ids are in order of first appearance; map them to ranks in Iceberg's (UTF-8) order.
        var distinct = provisional.Keys.ToArray();
        var ids = provisional.Values.ToArray();
        Array.Sort(distinct, ids, Comparer<string>.Create(SingleValue.CompareUtf8));
        var rankOf = new long[ids.Length];
        for (var rank = 0; rank < ids.Length; rank++)
        {
            rankOf[ids[rank]] = rank;
        }

        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = nulls is not null && nulls[i] ? 0 : rankOf[keys[i]];
        }

        return new SortKeyColumn(keys, nulls, direction, nullsFirst, distinct.Length);
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

    private static long[] Ranks(object?[] values, PrimitiveType type, out long? distinctCount)
    {
        // Distinct values are found with the CLR's equality, which agrees with Iceberg's order for these types
        // (ordinal strings, decimal value equality, GUID bytes); only their order needs Iceberg's comparison.
        var distinct = values.Where(value => value is not null).Distinct().ToArray();
        Array.Sort(distinct, (a, b) => SingleValue.Compare(type, a!, b!));
        distinctCount = distinct.Length;
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
