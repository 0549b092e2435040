using System.Buffers.Binary;
using System.Security.Cryptography;

namespace K2.Lakehouse.Iceberg.Metadata;

/// <summary>
/// Snapshot ids: positive, random and checked against the table's existing ids (spec Appendix F advises against
/// timestamp-based ids because they collide).
/// </summary>
public static class SnapshotIds
{
    public static long New(TableMetadata table)
    {
        while (true)
        {
            var id = BinaryPrimitives.ReadInt64LittleEndian(RandomNumberGenerator.GetBytes(sizeof(long))) & long.MaxValue;
            if (id > 0 && table.Snapshots.All(s => s.SnapshotId != id))
            {
                return id;
            }
        }
    }
}
