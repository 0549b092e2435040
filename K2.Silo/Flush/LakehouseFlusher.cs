using K2.Contracts.Avro;
using K2.Contracts.Model;
using K2.Lakehouse.Catalog;
using K2.Lakehouse.Commit;
using K2.Lakehouse.Iceberg.Manifests;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Storage;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Writing;

namespace K2.Silo.Flush;

/// <summary>
/// Writes a consumer's buffered records of one kind to their Iceberg table as one append whose snapshot summary records
/// the Kafka offsets it covers (see docs/architecture.md, "Exactly once"). Each table records the offsets of its own
/// topics only (trades: the trade topics; quotes: the quote topic), so each table is the source of truth for where its
/// topics resume. A commit goes ahead only if, for every partition it covers, the table still records the offset the
/// batch started from; otherwise another consumer (the partition's new owner after a rebalance) has already moved on,
/// and this batch is fenced off: nothing is committed and its data files are deleted.
/// </summary>
public abstract class LakehouseFlusher<TRecord>(
    IcebergCatalog catalog,
    DataFileWriter writer,
    AppendCommitter committer,
    IWarehouseStorage storage,
    ILogger logger)
    where TRecord : class, IMarketDataRecord
{
    /// <summary>The record kind, as the symbol grain's flush checkpoints name it.</summary>
    public abstract MarketDataRecordType Kind { get; }

    protected abstract TableIdentifier Table { get; }

    protected abstract TableDefinition Definition { get; }

    protected abstract RowLayout<TRecord> Layout { get; }

    /// <summary>Creates the namespace and table when missing; safe to call from every silo at start.</summary>
    public async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        await catalog.InitializeAsync(cancellationToken);
        await catalog.CreateNamespaceAsync(MarketDataTables.Namespace, cancellationToken);
        await catalog.CreateTableAsync(Table, Definition, cancellationToken);
    }

    /// <summary>Where consumption of each partition resumes: the offsets the table's current snapshot records.</summary>
    public async Task<KafkaOffsetMap> ReadCommittedOffsetsAsync(string kafkaClusterId, CancellationToken cancellationToken)
    {
        var table = await catalog.LoadTableAsync(Table, cancellationToken);
        return KafkaOffsetMap.FromSummary(table.Metadata.CurrentSnapshot?.Summary, kafkaClusterId);
    }

    /// <summary>
    /// Writes the batch's data files (and bar sidecars) for the table's current layout. They are not part of the table
    /// until <see cref="CommitAsync"/> adds them; a caller that will not commit them deletes them (<see cref="DeleteAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<DataFile>> WriteAsync(FlushBatch<TRecord> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var table = await catalog.LoadTableAsync(Table, cancellationToken);
        return await writer.WriteAsync(table.Metadata, batch.Records, Layout, cancellationToken);
    }

    /// <summary>
    /// Commits files written for <paramref name="batch"/> as one append recording its offsets, unless another consumer
    /// moved a partition on: then nothing is committed and the files are deleted.
    /// </summary>
    public async Task<FlushOutcome> CommitAsync(FlushBatch<TRecord> batch, IReadOnlyList<DataFile> files, string kafkaClusterId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(files);
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
            FlushLog.Fenced(logger, Table.Name, fencedReason ?? "unknown");
            return FlushOutcome.Fenced(fencedReason ?? "the commit was declined");
        }

        FlushLog.Committed(logger, Table.Name, result.SnapshotId, batch.Records.Count, files.Count, result.Attempts);
        return new FlushOutcome(true, result.SnapshotId, batch.Records.Count, committedOffsets!, null);
    }

    /// <summary>Deletes data files (and their bar sidecars) that no commit references.</summary>
    public async Task DeleteAsync(IReadOnlyList<DataFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var file in files)
        {
            await storage.DeleteAsync(file.Location, cancellationToken);
            await storage.DeleteAsync(Lakehouse.Bars.BarSidecar.LocationFor(file.Location), cancellationToken);
        }
    }

    private static string? FindMovedPartition(KafkaOffsetMap recorded, FlushBatch<TRecord> batch)
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
}
