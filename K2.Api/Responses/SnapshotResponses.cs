using K2.Lakehouse.Iceberg.Metadata;

namespace K2.Api.Responses;

/// <summary>One snapshot of a table: what time travel (<c>asOfSnapshot</c>) can name, with its summary as written.</summary>
public sealed record SnapshotResponse(
    long SnapshotId,
    long? ParentSnapshotId,
    long SequenceNumber,
    string CommittedAt,
    string Operation,
    bool Current,
    IReadOnlyDictionary<string, string> Summary)
{
    public static SnapshotResponse From(Snapshot snapshot, long? currentSnapshotId)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new(
            snapshot.SnapshotId,
            snapshot.ParentSnapshotId,
            snapshot.SequenceNumber,
            WireFormat.Timestamp(DateTimeOffset.FromUnixTimeMilliseconds(snapshot.TimestampMs)),
            snapshot.Operation,
            snapshot.SnapshotId == currentSnapshotId,
            snapshot.Summary);
    }
}

/// <summary>A table's snapshots, newest first; empty when the table has none (or does not exist yet).</summary>
public sealed record SnapshotListResponse(string Table, long? CurrentSnapshotId, IReadOnlyList<SnapshotResponse> Snapshots);
