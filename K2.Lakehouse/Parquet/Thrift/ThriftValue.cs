namespace K2.Lakehouse.Parquet.Thrift;

/// <summary>Wire types of the Thrift compact protocol (the low nibble of a field or list header).</summary>
internal enum CompactType : byte
{
    Stop = 0,
    BooleanTrue = 1,
    BooleanFalse = 2,
    Byte = 3,
    I16 = 4,
    I32 = 5,
    I64 = 6,
    Double = 7,
    Binary = 8,
    List = 9,
    Set = 10,
    Map = 11,
    Struct = 12,
}

/// <summary>
/// A decoded Thrift value kept generic on purpose: the footer corrections only touch a few known fields and must
/// carry every other field (including ones added by newer Parquet versions) through unchanged.
/// </summary>
internal abstract record ThriftValue;

internal sealed record ThriftBool(bool Value) : ThriftValue;

internal sealed record ThriftByte(sbyte Value) : ThriftValue;

/// <summary>I16, I32 and I64 share the zig-zag varint encoding; <see cref="Type"/> keeps the declared width.</summary>
internal sealed record ThriftInteger(CompactType Type, long Value) : ThriftValue;

internal sealed record ThriftDouble(double Value) : ThriftValue;

internal sealed record ThriftBinary(byte[] Value) : ThriftValue;

internal sealed record ThriftList(CompactType ElementType, List<ThriftValue> Elements, bool IsSet = false) : ThriftValue;

internal sealed record ThriftMap(CompactType KeyType, CompactType ValueType, List<KeyValuePair<ThriftValue, ThriftValue>> Entries) : ThriftValue;

/// <summary>A struct as an ordered field list; order is preserved so untouched structs re-encode byte for byte.</summary>
internal sealed record ThriftStruct : ThriftValue
{
    public List<ThriftField> Fields { get; } = [];

    public ThriftValue? Get(short id) => Fields.Find(f => f.Id == id)?.Value;

    /// <summary>Replaces or inserts a field, keeping ascending id order as Thrift writers do.</summary>
    public void Set(short id, ThriftValue value)
    {
        var index = Fields.FindIndex(f => f.Id == id);
        if (index >= 0)
        {
            Fields[index] = new ThriftField(id, value);
            return;
        }

        var insertAt = Fields.FindIndex(f => f.Id > id);
        Fields.Insert(insertAt < 0 ? Fields.Count : insertAt, new ThriftField(id, value));
    }

    public void Remove(short id) => Fields.RemoveAll(f => f.Id == id);
}

internal sealed record ThriftField(short Id, ThriftValue Value);
