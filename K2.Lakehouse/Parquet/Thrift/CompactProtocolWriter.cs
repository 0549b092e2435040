namespace K2.Lakehouse.Parquet.Thrift;

/// <summary>Encodes a generic <see cref="ThriftStruct"/> tree with the Thrift compact protocol.</summary>
internal static class CompactProtocolWriter
{
    public static byte[] Serialize(ThriftStruct value)
    {
        using var output = new MemoryStream();
        WriteStruct(output, value);
        return output.ToArray();
    }

    private static void WriteStruct(Stream output, ThriftStruct value)
    {
        short lastId = 0;
        foreach (var field in value.Fields)
        {
            var type = field.Value is ThriftBool flag
                ? (flag.Value ? CompactType.BooleanTrue : CompactType.BooleanFalse)
                : TypeOf(field.Value);
            var delta = field.Id - lastId;
            if (delta is > 0 and <= 15)
            {
                output.WriteByte((byte)((delta << 4) | (byte)type));
            }
            else
            {
                output.WriteByte((byte)type);
                WriteZigZag(output, field.Id);
            }

            lastId = field.Id;
            if (field.Value is not ThriftBool)
            {
                WriteValue(output, field.Value);
            }
        }

        output.WriteByte((byte)CompactType.Stop);
    }

    private static void WriteValue(Stream output, ThriftValue value)
    {
        switch (value)
        {
            case ThriftBool flag:
                output.WriteByte((byte)(flag.Value ? CompactType.BooleanTrue : CompactType.BooleanFalse));
                break;
            case ThriftByte b:
                output.WriteByte((byte)b.Value);
                break;
            case ThriftInteger integer:
                WriteZigZag(output, integer.Value);
                break;
            case ThriftDouble d:
                output.Write(BitConverter.GetBytes(BitConverter.DoubleToInt64Bits(d.Value)));
                break;
            case ThriftBinary binary:
                WriteVarint(output, (ulong)binary.Value.Length);
                output.Write(binary.Value);
                break;
            case ThriftList list:
                WriteList(output, list);
                break;
            case ThriftMap map:
                WriteMap(output, map);
                break;
            case ThriftStruct nested:
                WriteStruct(output, nested);
                break;
            default:
                throw new InvalidOperationException($"Cannot encode {value.GetType().Name}.");
        }
    }

    private static void WriteList(Stream output, ThriftList list)
    {
        if (list.Elements.Count < 15)
        {
            output.WriteByte((byte)((list.Elements.Count << 4) | (byte)list.ElementType));
        }
        else
        {
            output.WriteByte((byte)(0xF0 | (byte)list.ElementType));
            WriteVarint(output, (ulong)list.Elements.Count);
        }

        foreach (var element in list.Elements)
        {
            WriteValue(output, element);
        }
    }

    private static void WriteMap(Stream output, ThriftMap map)
    {
        WriteVarint(output, (ulong)map.Entries.Count);
        if (map.Entries.Count == 0)
        {
            return;
        }

        output.WriteByte((byte)(((byte)map.KeyType << 4) | (byte)map.ValueType));
        foreach (var entry in map.Entries)
        {
            WriteValue(output, entry.Key);
            WriteValue(output, entry.Value);
        }
    }

    private static CompactType TypeOf(ThriftValue value) => value switch
    {
        ThriftByte => CompactType.Byte,
        ThriftInteger integer => integer.Type,
        ThriftDouble => CompactType.Double,
        ThriftBinary => CompactType.Binary,
        ThriftList list => list.IsSet ? CompactType.Set : CompactType.List,
        ThriftMap => CompactType.Map,
        ThriftStruct => CompactType.Struct,
        _ => throw new InvalidOperationException($"No compact type for {value.GetType().Name}."),
    };

    private static void WriteVarint(Stream output, ulong value)
    {
        while (value >= 0x80)
        {
            output.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        output.WriteByte((byte)value);
    }

    private static void WriteZigZag(Stream output, long value) =>
        WriteVarint(output, (ulong)((value << 1) ^ (value >> 63)));
}
