namespace K2.Silo.Grains;

/// <summary>
/// What a log knows of its last confirmed flush beyond the watermark: the snapshot that confirmed it and the newest
/// record time at or below it. Created by the first flush confirmed or persisted state that sets either: a symbol fed
/// only directly (or not yet flushed) holds none, and its log a null reference instead of 40 B of defaults
/// (docs/benchmarks.md, "Session 11").
/// </summary>
internal sealed class ConfirmedFlush
{
    public long? SnapshotId { get; set; }

    /// <summary>See <see cref="LogStream{TState, TRecord, TSlot}.FlushedNewest"/>; MinValue: no record.</summary>
    public DateTimeOffset? Newest { get; set; } = DateTimeOffset.MinValue;
}
