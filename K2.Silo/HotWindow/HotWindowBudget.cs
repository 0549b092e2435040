namespace K2.Silo.HotWindow;

/// <summary>
/// The bounds every hot window of one record kind in a silo shares: <see cref="HotWindowOptions"/>, and each window's
/// share of <see cref="HotWindowOptions.MaxSiloTrades"/>. A window joins when it first holds a record and leaves when
/// it is emptied or its grain deactivates; each keeps at most the bound divided among the windows holding records
/// (capped by <see cref="HotWindowOptions.MaxTrades"/>), and trims to its share the next time it changes.
/// </summary>
/// <remarks>
/// An even split, not a loan: a quiet symbol's unused share is not lent to a busy one, so the silo may hold less than
/// the bound, never more (above it only trades not yet flushed, which no bound lets go of before a confirmed flush
/// but <see cref="HotWindowOptions.MaxUnflushedTrades"/>). One counter of windows per kind rather than a count of
/// records: every add reads it, only a window's first record and its emptying or release write it, so the hot path
/// shares no written memory between grains.
/// </remarks>
public sealed class HotWindowBudget(HotWindowOptions options)
{
    private int _windows;

    public HotWindowOptions Options { get; } = options;

    /// <summary>Windows holding records now.</summary>
    public int Windows => Volatile.Read(ref _windows);

    /// <summary>Flushed records a window may keep now: its share of the silo's bound, at most <see cref="HotWindowOptions.MaxTrades"/>, at least 1.</summary>
    public int MaxRecords => (int)Math.Clamp(Options.MaxSiloTrades / Math.Max(1, Windows), 1, Options.MaxTrades);

    internal void Join() => Interlocked.Increment(ref _windows);

    internal void Leave() => Interlocked.Decrement(ref _windows);
}
