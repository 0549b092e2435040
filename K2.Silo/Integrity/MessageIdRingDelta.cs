using System.Buffers.Binary;

namespace K2.Silo.Integrity;

/// <summary>
/// A message-id ring stored as its difference from another ring: its length and the runs of slots where it differs.
/// A flush checkpoint's ring is stored against the live ring written in the same grain state row (between them only the
/// ids added since differ, so a quiet symbol's base checkpoint costs a few bytes instead of a second copy of its ring),
/// and a long ring against its base row (<see cref="MessageIdRingBaseRef"/>): the ids added since that was written.
/// </summary>
[GenerateSerializer]
public sealed class MessageIdRingDelta
{
    private const int RunHeaderSize = 2 * sizeof(int);

    /// <summary>Slots in the checkpoint's ring.</summary>
    [Id(0)] public int Length { get; set; }

    /// <summary>Runs of differing slots, each <c>start</c> and <c>count</c> (int32, little-endian) then <c>count</c> ids.</summary>
    [Id(1)] public byte[] Runs { get; set; } = [];

    /// <summary>What turns <paramref name="live"/> into <paramref name="checkpoint"/>.</summary>
    public static MessageIdRingDelta Between(Guid[] live, Guid[] checkpoint)
    {
        var runs = new List<(int Start, int Count)>();
        for (var slot = 0; slot < checkpoint.Length; slot++)
        {
            if (checkpoint[slot] == At(live, slot))
            {
                continue;
            }

            if (runs.Count > 0 && runs[^1].Start + runs[^1].Count == slot)
            {
                runs[^1] = (runs[^1].Start, runs[^1].Count + 1);
            }
            else
            {
                runs.Add((slot, 1));
            }
        }

        var bytes = new byte[runs.Sum(run => RunHeaderSize + (run.Count * MessageIdBytes.IdSize))];
        var at = 0;
        foreach (var (start, count) in runs)
        {
            at = WriteRun(checkpoint.AsSpan(start, count), start, bytes, at);
        }

        return new MessageIdRingDelta { Length = checkpoint.Length, Runs = bytes };
    }

    /// <summary>
    /// The slots of <paramref name="ring"/> that its last <paramref name="count"/> adds wrote, the first at
    /// <paramref name="start"/>: a ring only ever writes the slot after the last, wrapping to 0 at its full length, so
    /// what changed since a base taken at <paramref name="start"/> is at most two runs.
    /// </summary>
    public static MessageIdRingDelta OfAdds(Guid[] ring, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(ring);
        if (count < 0 || count > ring.Length || start < 0 || (count > 0 && start >= ring.Length))
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"{count} adds from slot {start} do not fit a ring of {ring.Length}.");
        }

        if (count == 0)
        {
            return new MessageIdRingDelta { Length = ring.Length };
        }

        var first = Math.Min(count, ring.Length - start);
        var runs = first == count ? [(start, count)] : new[] { (start, first), (0, count - first) };
        var bytes = new byte[(runs.Length * RunHeaderSize) + (count * MessageIdBytes.IdSize)];
        var at = 0;
        foreach (var (runStart, runCount) in runs)
        {
            at = WriteRun(ring.AsSpan(runStart, runCount), runStart, bytes, at);
        }

        return new MessageIdRingDelta { Length = ring.Length, Runs = bytes };
    }

    /// <summary>The ring, rebuilt over the one it was stored against (the live ring, or the base row's).</summary>
    public Guid[] ApplyTo(Guid[] against)
    {
        var ring = new Guid[Length];
        against.AsSpan(0, Math.Min(against.Length, Length)).CopyTo(ring);
        var runs = Runs.AsSpan();
        while (runs.Length > 0)
        {
            if (runs.Length < RunHeaderSize)
            {
                throw Malformed();
            }

            var start = BinaryPrimitives.ReadInt32LittleEndian(runs);
            var count = BinaryPrimitives.ReadInt32LittleEndian(runs[sizeof(int)..]);
            var size = (long)count * MessageIdBytes.IdSize;
            if (start < 0 || count < 0 || start > Length - count || runs.Length - RunHeaderSize < size)
            {
                throw Malformed();
            }

            MessageIdBytes.Read(runs.Slice(RunHeaderSize, (int)size), ring.AsSpan(start, count));
            runs = runs[(RunHeaderSize + (int)size)..];
        }

        return ring;
    }

    private static int WriteRun(ReadOnlySpan<Guid> ids, int start, byte[] bytes, int at)
    {
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), start);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at + sizeof(int)), ids.Length);
        at += RunHeaderSize;
        MessageIdBytes.Write(ids, bytes.AsSpan(at));
        return at + (ids.Length * MessageIdBytes.IdSize);
    }

    private static Guid At(Guid[] ring, int slot) => slot < ring.Length ? ring[slot] : Guid.Empty;

    private InvalidDataException Malformed() =>
        new($"A stored message-id ring delta ({Runs.Length} bytes for a ring of {Length}) is malformed.");
}
