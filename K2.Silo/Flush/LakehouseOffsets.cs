namespace K2.Silo.Flush;

/// <summary>
/// The consumer's view of both market-data tables as the source of truth for where it resumes: the trades table records
/// the trade topics' offsets, the quotes table the quote topic's, and a partition starts from whichever table holds its
/// topic.
/// </summary>
public sealed class LakehouseOffsets(LakehouseTradeFlusher trades, LakehouseQuoteFlusher quotes)
{
    /// <summary>Creates both tables when missing; safe to call from every silo at start.</summary>
    public async Task EnsureTablesAsync(CancellationToken cancellationToken)
    {
        await trades.EnsureTableAsync(cancellationToken);
        await quotes.EnsureTableAsync(cancellationToken);
    }

    /// <summary>The offsets both tables' current snapshots record, in one map (their topics never overlap).</summary>
    public async Task<KafkaOffsetMap> ReadCommittedOffsetsAsync(string kafkaClusterId, CancellationToken cancellationToken)
    {
        var tradeOffsets = await trades.ReadCommittedOffsetsAsync(kafkaClusterId, cancellationToken);
        var quoteOffsets = await quotes.ReadCommittedOffsetsAsync(kafkaClusterId, cancellationToken);
        return tradeOffsets.With(kafkaClusterId, quoteOffsets.Offsets);
    }
}
