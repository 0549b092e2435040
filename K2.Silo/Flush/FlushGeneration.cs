using K2.Contracts.Model;

namespace K2.Silo.Flush;

/// <summary>
/// One flush's worth of buffered work: the trades table's share and the quotes table's share. The consumer fills one
/// generation while the previous one, already prepared, is committed in the background (see <see cref="ConsumerFlush"/>).
/// </summary>
internal sealed class FlushGeneration(LakehouseTradeFlusher tradeFlusher, LakehouseQuoteFlusher quoteFlusher, IGrainFactory grains, int grainCallsInFlight)
{
    public TableFlush<Trade> Trades { get; } = new(tradeFlusher, grains, grainCallsInFlight);

    public TableFlush<Quote> Quotes { get; } = new(quoteFlusher, grains, grainCallsInFlight);

    /// <summary>Records (trades and quotes) buffered.</summary>
    public int Count => Trades.Count + Quotes.Count;

    public bool HasWork => Trades.HasWork || Quotes.HasWork;

    public DateTimeOffset? FirstAddedAt => new[] { Trades.FirstAddedAt, Quotes.FirstAddedAt }.Where(at => at is not null).Min();

    /// <summary>How long cutting this generation's grain checkpoints held up the consumer (logged with its commit).</summary>
    public TimeSpan CutTime { get; set; }

    /// <summary>The offset after the last one this generation accounts for in <paramref name="partition"/>; null if none.</summary>
    public long? NextOffset(TopicPartition partition) => Trades.NextOffset(partition) ?? Quotes.NextOffset(partition);

    public void Clear()
    {
        Trades.Clear();
        Quotes.Clear();
        CutTime = TimeSpan.Zero;
    }
}
