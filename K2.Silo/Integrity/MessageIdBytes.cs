namespace K2.Silo.Integrity;

/// <summary>
/// The stored form of a message-id ring: 16 bytes per id in <see cref="Guid.TryWriteBytes(Span{byte})"/> order, one
/// byte array. Orleans copies a byte array as one block; a <c>Guid[]</c> it writes id by id, which at a full 4,096-id
/// ring was the largest single cost of a flush's grain checkpoints (see docs/benchmarks.md).
/// </summary>
internal static class MessageIdBytes
{
    public const int IdSize = 16;

    public static byte[] From(ReadOnlySpan<Guid> ids)
    {
        var bytes = new byte[ids.Length * IdSize];
        Write(ids, bytes);
        return bytes;
    }

    public static void Write(ReadOnlySpan<Guid> ids, Span<byte> destination)
    {
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i].TryWriteBytes(destination.Slice(i * IdSize, IdSize));
        }
    }

    public static Guid[] ToIds(ReadOnlySpan<byte> bytes)
    {
        var ids = new Guid[Count(bytes)];
        Read(bytes, ids);
        return ids;
    }

    public static void Read(ReadOnlySpan<byte> bytes, Span<Guid> destination)
    {
        for (var i = 0; i < bytes.Length / IdSize; i++)
        {
            destination[i] = new Guid(bytes.Slice(i * IdSize, IdSize));
        }
    }

    public static int Count(ReadOnlySpan<byte> bytes) =>
        bytes.Length % IdSize == 0
            ? bytes.Length / IdSize
            : throw new InvalidDataException($"A stored message-id ring of {bytes.Length} bytes is not a whole number of {IdSize}-byte ids.");
}
