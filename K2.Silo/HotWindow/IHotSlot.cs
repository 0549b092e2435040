namespace K2.Silo.HotWindow;

/// <summary>
/// How a hot window holds one record of kind <typeparamref name="TRecord"/>: a value in the window's ring, packed when
/// the record arrives and turned back into an equal record only when a reader asks. The window needs only a slot's
/// sequence and time (for its watermark and evictions), so those are read without building the record.
/// </summary>
public interface IHotSlot<TSelf, TRecord>
    where TSelf : struct, IHotSlot<TSelf, TRecord>
{
    /// <summary>
    /// Packs <paramref name="record"/>. <paramref name="newest"/> is the window's newest slot when
    /// <paramref name="hasNewest"/>: what consecutive records of a symbol repeat can be shared with it.
    /// </summary>
    static abstract TSelf Pack(TRecord record, in TSelf newest, bool hasNewest);

    long PlatformSequence { get; }

    DateTimeOffset Timestamp { get; }

    /// <summary>The record as it was packed (equal in every field, including each value's text and scale).</summary>
    TRecord ToRecord();
}
