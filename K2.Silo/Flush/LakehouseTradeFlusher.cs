using K2.Lakehouse.Catalog;
using K2.Lakehouse.Commit;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Storage;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Writing;

namespace K2.Silo.Flush;

/// <summary>
/// Writes a consumer's buffered trades to the Iceberg <c>market_data.trades</c> table as one append whose snapshot
/// summary records the Kafka offsets it covers (see docs/architecture.md, "Exactly once").
/// A commit goes ahead only if, for every partition it covers, the table still records the offset the batch started
/// from; otherwise another consumer (the partition's new owner after a rebalance) has already moved on, and this
/// batch is fenced off: nothing is committed and its data files are deleted.
/// </summary>
public sealed partial class LakehouseTradeFlusher(
    IcebergCatalog catalog,
    DataFileWriter writer,
    AppendCommitter committer,
    IWarehouseStorage storage,
    ILogger<LakehouseTradeFlusher> logger)
{
    private static TableIdentifier Table => MarketDataTables.Trades;

    /// <summary>Creates the namespace and table when missing; safe to call from every silo at start.</summary>
    public async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        await catalog.InitializeAsync(cancellationToken);
        await catalog.CreateNamespaceAsync(MarketDataTables.Namespace, cancellationToken);
        await catalog.CreateTableAsync(Table, MarketDataTables.TradesDefinition, cancellationToken);
    }

    /// <summary>Where consumption of each partition resumes: the offsets the table's current snapshot records.</summary>
    public async Task<KafkaOffsetMap> ReadCommittedOffsetsAsync(string kafkaClusterId, CancellationToken cancellationToken)
    {
        var table = await catalog.LoadTableAsync(Table, cancellationToken);
        return KafkaOffsetMap.FromSummary(table.Metadata.CurrentSnapshot?.Summary, kafkaClusterId);
    }

    public async Task<FlushOutcome> FlushAsync(TradeFlushBatch batch, string kafkaClusterId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var table = await catalog.LoadTableAsync(Table, cancellationToken);
        var files = await writer.WriteAsync(table.Metadata, batch.Trades, MarketDataLayouts.Trades, cancellationToken);
        var advanced = batch.Offsets.ToDictionary(entry => entry.Key, entry => entry.Value.Next);
        KafkaOffsetMap? committedOffsets = null;
        string? fencedReason = null;

        IReadOnlyDictionary<string, string>? SummaryFor(TableMetadata metadata)
        {
            var recorded = KafkaOffsetMap.FromSummary(metadata.CurrentSnapshot?.Summary, kafkaClusterId);
            fencedReason = FindMovedPartition(recorded, batch);
            if (fencedReason is not null)
            {
                return null;
            }

            committedOffsets = recorded.With(kafkaClusterId, advanced);
            return committedOffsets.ToSummary();
        }

        var result = await committer.CommitAppendAsync(Table, files, SummaryFor, cancellationToken);
        if (result.Status == AppendCommitStatus.Skipped)
        {
            await DeleteAsync(files, cancellationToken);
            LogFenced(fencedReason ?? "unknown");
            return FlushOutcome.Fenced(fencedReason ?? "the commit was declined");
        }

        LogCommitted(result.SnapshotId, batch.Trades.Count, files.Count, result.Attempts);
        return new FlushOutcome(true, result.SnapshotId, batch.Trades.Count, committedOffsets!, null);
    }

    private static string? FindMovedPartition(KafkaOffsetMap recorded, TradeFlushBatch batch)
    {
        foreach (var (partition, range) in batch.Offsets)
        {
            if (recorded.NextOffset(partition) is { } next && next != range.Start)
            {
                return $"{partition}: the table records offset {next}, this batch started at {range.Start}";
            }
        }

        return null;
    }

    private async Task DeleteAsync(IReadOnlyList<Lakehouse.Iceberg.Manifests.DataFile> files, CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            await storage.DeleteAsync(file.Location, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Committed trades snapshot {SnapshotId}: {Rows} rows in {Files} file(s) after {Attempts} attempt(s)")]
    private partial void LogCommitted(long? snapshotId, int rows, int files, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Flush fenced off, nothing committed: {Reason}")]
    private partial void LogFenced(string reason);
}
