using System.Buffers.Binary;

namespace K2.Silo.Integrity;

/// <summary>
/// A flush checkpoint's message-id ring stored as its difference from the live ring written in the same grain state
/// row: the checkpoint's length and the runs of slots where it differs. Between a checkpoint and the live state only
/// the ids added since (at most one ring's worth) differ, so a quiet symbol's base checkpoint costs a few bytes instead
/// of a second copy of its ring.
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
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), start);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at + sizeof(int)), count);
            at += RunHeaderSize;
            MessageIdBytes.Write(checkpoint.AsSpan(start, count), bytes.AsSpan(at));
            at += count * MessageIdBytes.IdSize;
        }

        return new MessageIdRingDelta { Length = checkpoint.Length, Runs = bytes };
    }

    /// <summary>The checkpoint's ring, rebuilt over the <paramref name="live"/> ring it was stored against.</summary>
    public Guid[] ApplyTo(Guid[] live)
    {
        var ring = new Guid[Length];
        live.AsSpan(0, Math.Min(live.Length, Length)).CopyTo(ring);
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

    private static Guid At(Guid[] ring, int slot) => slot < ring.Length ? ring[slot] : Guid.Empty;

    private InvalidDataException Malformed() =>
        new($"A stored message-id ring delta ({Runs.Length} bytes for a ring of {Length}) is malformed.");
}
