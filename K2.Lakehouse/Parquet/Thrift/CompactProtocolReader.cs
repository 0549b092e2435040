namespace K2.Lakehouse.Parquet.Thrift;

/// <summary>Decodes a Thrift compact-protocol struct into a generic <see cref="ThriftStruct"/> tree.</summary>
internal sealed class CompactProtocolReader(ReadOnlyMemory<byte> buffer)
{
    // Parquet footers nest a handful of levels; anything deeper is corrupt input, not a real footer.
    private const int MaxDepth = 64;

    private int _position;

    public int Position => _position;

    public ThriftStruct ReadStruct() => ReadStruct(0);

    private ThriftStruct ReadStruct(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidDataException("Thrift struct nesting is too deep.");
        }

        var result = new ThriftStruct();
        short lastId = 0;
        while (true)
        {
            var header = ReadByte();
            var type = (CompactType)(header & 0x0F);
            if (type == CompactType.Stop)
            {
                return result;
            }

            var delta = header >> 4;
            var id = delta == 0 ? (short)ReadZigZag() : (short)(lastId + delta);
            lastId = id;
            var value = type switch
            {
                CompactType.BooleanTrue => new ThriftBool(true),
                CompactType.BooleanFalse => new ThriftBool(false),
                _ => ReadValue(type, depth),
            };
            result.Fields.Add(new ThriftField(id, value));
        }
    }

    private ThriftValue ReadValue(CompactType type, int depth) => type switch
    {
        CompactType.BooleanTrue or CompactType.BooleanFalse => new ThriftBool(ReadByte() == (byte)CompactType.BooleanTrue),
        CompactType.Byte => new ThriftByte((sbyte)ReadByte()),
        CompactType.I16 or CompactType.I32 or CompactType.I64 => new ThriftInteger(type, ReadZigZag()),
        CompactType.Double => new ThriftDouble(BitConverter.Int64BitsToDouble(ReadFixed64())),
        CompactType.Binary => new ThriftBinary(ReadBytes((int)ReadVarint())),
        CompactType.List or CompactType.Set => ReadList(type == CompactType.Set, depth),
        CompactType.Map => ReadMap(depth),
        CompactType.Struct => ReadStruct(depth + 1),
        _ => throw new InvalidDataException($"Unknown Thrift compact type {(byte)type}."),
    };

    private ThriftList ReadList(bool isSet, int depth)
    {
        var header = ReadByte();
        var elementType = (CompactType)(header & 0x0F);
        var size = header >> 4;
        var count = size == 0x0F ? (int)ReadVarint() : size;
        var elements = new List<ThriftValue>(count);
        for (var i = 0; i < count; i++)
        {
            elements.Add(ReadValue(elementType, depth + 1));
        }

        return new ThriftList(elementType, elements, isSet);
    }

    private ThriftMap ReadMap(int depth)
    {
        var count = (int)ReadVarint();
        if (count == 0)
        {
            return new ThriftMap(CompactType.Stop, CompactType.Stop, []);
        }

        var types = ReadByte();
        var keyType = (CompactType)(types >> 4);
        var valueType = (CompactType)(types & 0x0F);
        var entries = new List<KeyValuePair<ThriftValue, ThriftValue>>(count);
        for (var i = 0; i < count; i++)
        {
            var key = ReadValue(keyType, depth + 1);
            entries.Add(new(key, ReadValue(valueType, depth + 1)));
        }

        return new ThriftMap(keyType, valueType, entries);
    }

    private byte ReadByte()
    {
        if (_position >= buffer.Length)
        {
            throw new InvalidDataException("Thrift data ended unexpectedly.");
        }

        return buffer.Span[_position++];
    }

    private byte[] ReadBytes(int length)
    {
        if (length < 0 || _position + length > buffer.Length)
        {
            throw new InvalidDataException("Thrift binary field runs past the end of the data.");
        }

        var bytes = buffer.Span.Slice(_position, length).ToArray();
        _position += length;
        return bytes;
    }

    private long ReadFixed64()
    {
        var bytes = ReadBytes(8);
        return BitConverter.ToInt64(bytes);
    }

    private ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new InvalidDataException("Thrift varint is longer than 64 bits.");
    }

    private long ReadZigZag()
    {
        var raw = ReadVarint();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }
}
