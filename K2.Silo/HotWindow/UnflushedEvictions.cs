namespace K2.Silo.HotWindow;

/// <summary>
/// Records a <see cref="HotWindow{TRecord, TSlot}"/> let go before their flush was confirmed (its last-resort bound,
/// <see cref="HotWindowOptions.MaxUnflushedTrades"/>): created by the first such eviction, which most windows never
/// have, so an idle symbol's window does not carry the count and time as zeros (docs/benchmarks.md, "Session 11").
/// </summary>
internal sealed class UnflushedEvictions
{
    public long Count { get; private set; }

    /// <summary>Newest exchange time among them.</summary>
    public DateTimeOffset Newest { get; private set; } = DateTimeOffset.MinValue;

    public void Add(DateTimeOffset timestamp)
    {
        Count++;
        if (timestamp > Newest)
        {
            Newest = timestamp;
        }
    }
}
