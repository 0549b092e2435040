using K2.Contracts.Model;
using K2.Lakehouse.Caching;
using K2.Lakehouse.Iceberg.Manifests;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Iceberg.Types;
using K2.Lakehouse.Iceberg.Values;
using K2.Lakehouse.Storage;

namespace K2.Lakehouse.Scanning;

/// <summary>
/// Plans a scan (spec: Scan Planning): row predicates are projected onto partition values to skip whole manifests
/// (manifest-list summaries) and files (partition tuples), then column bounds and null counts in the manifest
/// skip files whose <c>symbol</c>/<c>timestamp</c>/<c>exchange</c> ranges cannot match. Only the planned files
/// are handed to the query engine. Manifest lists and manifests come decoded from the <see cref="ManifestCache"/>
/// (they are immutable), so a plan over an unchanged snapshot reads no files.
/// </summary>
public sealed class ScanPlanner(IWarehouseStorage storage, ManifestCache manifestCache)
{
    /// <summary>Column names the market-data predicates refer to; resolved to ids through the table schema.</summary>
    public const string ExchangeColumn = "exchange";
    public const string SymbolColumn = "symbol";
    public const string TimestampColumn = "timestamp";

    public async Task<ScanPlan> PlanAsync(TableMetadata table, SnapshotSelection selection, ScanFilter filter, CancellationToken cancellationToken)
    {
        var snapshot = selection.Resolve(table);
        if (snapshot is null)
        {
            return new ScanPlan(null, [], new ScanMetrics(0, 0, 0, 0, 0));
        }

        return await PlanAsync(table, snapshot, filter, addedOnly: false, cancellationToken);
    }

    /// <summary>
    /// The data files <paramref name="snapshot"/> itself added that can match <paramref name="filter"/> (entries with
    /// status ADDED in the manifests that snapshot wrote): what an <c>append</c> snapshot brought on top of its parent.
    /// </summary>
    public Task<ScanPlan> PlanAddedAsync(TableMetadata table, Snapshot snapshot, ScanFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return PlanAsync(table, snapshot, filter, addedOnly: true, cancellationToken);
    }

    private async Task<ScanPlan> PlanAsync(TableMetadata table, Snapshot snapshot, ScanFilter filter, bool addedOnly, CancellationToken cancellationToken)
    {
        var predicates = Predicates(table.CurrentSchema, filter);
        var manifests = await manifestCache.ReadListAsync(storage, snapshot.ManifestList, cancellationToken);
        var selected = new List<DataFile>();
        int skippedManifests = 0, considered = 0, skippedByPartition = 0, skippedByMetrics = 0;
        foreach (var manifest in manifests.Where(m => m.Content == ManifestContent.Data && (!addedOnly || m.AddedSnapshotId == snapshot.SnapshotId)))
        {
            var spec = table.Spec(manifest.PartitionSpecId);
            var partitionPredicates = ProjectToPartition(spec, table.CurrentSchema, predicates);
            if (!SummariesMightMatch(manifest, partitionPredicates))
            {
                skippedManifests++;
                continue;
            }

            var entries = await manifestCache.ReadManifestAsync(storage, manifest, table, cancellationToken);
            foreach (var entry in entries.Where(e => addedOnly ? e.Status == ManifestEntryStatus.Added : e.Status != ManifestEntryStatus.Deleted))
            {
                considered++;
                if (!partitionPredicates.All(p => p.Predicate.Matches(entry.DataFile.Partition[p.Index])))
                {
                    skippedByPartition++;
                }
                else if (!MetricsMightMatch(entry.DataFile, predicates))
                {
                    skippedByMetrics++;
                }
                else
                {
                    selected.Add(entry.DataFile);
                }
            }
        }

        return new ScanPlan(snapshot, selected, new ScanMetrics(manifests.Count, skippedManifests, considered, skippedByPartition, skippedByMetrics));
    }

    private static Dictionary<int, ColumnPredicate> Predicates(IcebergSchema schema, ScanFilter filter)
    {
        var predicates = new Dictionary<int, ColumnPredicate>();
        if (filter.Exchange is { } exchange)
        {
            var field = schema.Field(ExchangeColumn);
            predicates[field.Id] = ColumnPredicate.Values((PrimitiveType)field.Type, [exchange]);
        }

        if (filter.Symbols is { } symbols)
        {
            var field = schema.Field(SymbolColumn);
            predicates[field.Id] = ColumnPredicate.Values((PrimitiveType)field.Type, symbols);
        }

        if (filter.From is not null || filter.Until is not null)
        {
            var field = schema.Field(TimestampColumn);
            // Until is exclusive; the predicate range is inclusive, so its upper end is one microsecond earlier.
            predicates[field.Id] = ColumnPredicate.Range(
                (PrimitiveType)field.Type,
                filter.From is { } from ? UtcMicros.ToMicros(from) : null,
                filter.Until is { } until ? UtcMicros.ToMicros(until) - 1 : null);
        }

        return predicates;
    }

    private static List<(int Index, ColumnPredicate Predicate)> ProjectToPartition(PartitionSpec spec, IcebergSchema schema, Dictionary<int, ColumnPredicate> predicates)
    {
        var types = PartitionTypes.Of(spec, schema);
        var projected = new List<(int, ColumnPredicate)>();
        for (var i = 0; i < spec.Fields.Count; i++)
        {
            if (predicates.TryGetValue(spec.Fields[i].SourceId, out var predicate))
            {
                projected.Add((i, predicate.Project(spec.Fields[i].Transform, types[i])));
            }
        }

        return projected;
    }

    private static bool SummariesMightMatch(ManifestFile manifest, List<(int Index, ColumnPredicate Predicate)> partitionPredicates)
    {
        foreach (var (index, predicate) in partitionPredicates)
        {
            if (index >= manifest.Partitions.Count)
            {
                continue;
            }

            var summary = manifest.Partitions[index];
            if (summary.LowerBound is null && summary.UpperBound is null)
            {
                // Only null partition values (or no summary at all): nothing can equal or fall in a range.
                if (summary.ContainsNull)
                {
                    return false;
                }

                continue;
            }

            var lower = summary.LowerBound is null ? null : SingleValue.Deserialize(predicate.Type, summary.LowerBound);
            var upper = summary.UpperBound is null ? null : SingleValue.Deserialize(predicate.Type, summary.UpperBound);
            if (!predicate.MightMatch(lower, upper))
            {
                return false;
            }
        }

        return true;
    }

    private static bool MetricsMightMatch(DataFile file, Dictionary<int, ColumnPredicate> predicates)
    {
        foreach (var (fieldId, predicate) in predicates)
        {
            if (file.ValueCounts.TryGetValue(fieldId, out var values) && file.NullValueCounts.TryGetValue(fieldId, out var nulls) && values == nulls)
            {
                return false; // every value is null, and none of K2's predicates match null
            }

            var lower = file.LowerBounds.TryGetValue(fieldId, out var lowerBytes) ? SingleValue.Deserialize(predicate.Type, lowerBytes) : null;
            var upper = file.UpperBounds.TryGetValue(fieldId, out var upperBytes) ? SingleValue.Deserialize(predicate.Type, upperBytes) : null;
            if (!predicate.MightMatch(lower, upper))
            {
                return false;
            }
        }

        return true;
    }
}
